import { describe, expect, it } from 'vitest';
import { ImportSourceError } from '../errors';
import { millewinOptionsSchema, resolveConnection, type MillewinOptions } from './options';
import { toSourceError } from './sourceErrors';

const parse = (input: unknown): MillewinOptions => {
  const r = millewinOptionsSchema.safeParse(input);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
};

describe('options schema', () => {
  it('needs the doctor', () => {
    const r = millewinOptionsSchema.safeParse({ host: 'server' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual(['doctor']);
    expect(millewinOptionsSchema.safeParse({ host: 'server', doctor: '  ' }).success).toBe(false);
  });

  it('takes strings from a command line', () => {
    expect(parse({ host: 'server', port: '5433', doctor: ' MROSSI ', ssl: 'true', batchSize: '500' })).toEqual({
      host: 'server', port: 5433, doctor: 'MROSSI', ssl: true, batchSize: 500,
    });
    expect(parse({ host: 'server', doctor: 'MROSSI', ssl: 'false' }).ssl).toBe(false);
  });

  it('wants either a url or the parts, not both', () => {
    expect(millewinOptionsSchema.safeParse({ url: 'postgres://u@h/milleps', host: 'h', doctor: 'x' }).success).toBe(false);
    expect(millewinOptionsSchema.safeParse({ url: 'mysql://u@h/db', doctor: 'x' }).success).toBe(false);
    expect(parse({ url: 'postgresql://u:p@h:5433/db', doctor: 'x' }).url).toBe('postgresql://u:p@h:5433/db');
  });

  it('has no default password or user', () => {
    const o = parse({ host: 'server', doctor: 'x' });
    expect(o.password).toBeUndefined();
    expect(o.user).toBeUndefined();
  });
});

describe('resolveConnection', () => {
  const linux = { platform: 'linux' as const, env: {} };

  it('applies the defaults: port 5432, database milleps; password from PGPASSWORD', async () => {
    const t = await resolveConnection(parse({ host: 'server', user: 'dba', doctor: 'x' }), { platform: 'linux', env: { PGPASSWORD: 'from-env' } });
    expect(t).toEqual({ host: 'server', port: 5432, database: 'milleps', user: 'dba', password: 'from-env', ssl: false, hostFrom: 'options' });
  });

  it('prefers the given password to PGPASSWORD, and has none when neither is set', async () => {
    const given = await resolveConnection(parse({ host: 's', user: 'u', password: 'given', doctor: 'x' }), { platform: 'linux', env: { PGPASSWORD: 'env' } });
    expect(given.password).toBe('given');
    const none = await resolveConnection(parse({ host: 's', user: 'u', doctor: 'x' }), linux);
    expect('password' in none).toBe(false);
  });

  it('reads a url, decoding its parts; PGPASSWORD when the url has no password', async () => {
    const t = await resolveConnection(parse({ url: 'postgres://d%40ba:p%2Fw@10.0.0.5:5433/milleps2?sslmode=require', doctor: 'x' }), linux);
    expect(t).toEqual({ host: '10.0.0.5', port: 5433, database: 'milleps2', user: 'd@ba', password: 'p/w', ssl: { rejectUnauthorized: false }, hostFrom: 'url' });
    const noPassword = await resolveConnection(parse({ url: 'postgres://dba@server', doctor: 'x' }), { platform: 'linux', env: { PGPASSWORD: 'e' } });
    expect(noPassword).toMatchObject({ host: 'server', port: 5432, database: 'milleps', password: 'e' });
  });

  it('on Windows without a host, takes the server from the ODBC entry', async () => {
    const t = await resolveConnection(parse({ user: 'dba', doctor: 'x' }), {
      platform: 'win32',
      env: { PGHOST: 'not-this-one' },
      readOdbc: async () => ({ host: 'SERVER-STUDIO', port: 5433, database: 'milleps', key: 'K' }),
    });
    expect(t).toMatchObject({ host: 'SERVER-STUDIO', port: 5433, database: 'milleps', hostFrom: 'odbc' });
  });

  it('an explicit host wins over ODBC, which is not even read', async () => {
    let read = false;
    const t = await resolveConnection(parse({ host: 'other', user: 'dba', doctor: 'x' }), {
      platform: 'win32',
      env: {},
      readOdbc: async () => {
        read = true;
        return null;
      },
    });
    expect(t.host).toBe('other');
    expect(read).toBe(false);
  });

  it('falls back to PGHOST/PGUSER/PGPORT/PGDATABASE, else says what is missing, in Italian', async () => {
    const t = await resolveConnection(parse({ doctor: 'x' }), { platform: 'linux', env: { PGHOST: 'h', PGUSER: 'u', PGPORT: '6000', PGDATABASE: 'mp' } });
    expect(t).toMatchObject({ host: 'h', user: 'u', port: 6000, database: 'mp', hostFrom: 'env' });

    const noHost = resolveConnection(parse({ user: 'u', doctor: 'x' }), { platform: 'win32', env: {}, readOdbc: async () => null });
    await expect(noHost).rejects.toMatchObject({ code: 'db-config', userMessage: expect.stringContaining('mille_MillePS') });
    await expect(resolveConnection(parse({ host: 'h', doctor: 'x' }), linux)).rejects.toBeInstanceOf(ImportSourceError);
  });
});

describe('driver errors', () => {
  const where = { where: 'server:5432/milleps' };
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, 'db-unreachable'],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND server' }, 'db-unreachable'],
    [{ code: 'EHOSTUNREACH' }, 'db-unreachable'],
    [new Error('Connection terminated due to connection timeout'), 'db-unreachable'],
    [{ code: '28P01', message: 'password authentication failed for user "dba"' }, 'db-auth'],
    [{ code: '28000', message: 'no pg_hba.conf entry' }, 'db-auth'],
    [new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), 'db-auth'],
    [{ code: '3D000' }, 'db-missing-database'],
    [{ code: '42P01' }, 'db-missing-table'],
    [{ code: '42703' }, 'db-missing-column'],
    [{ code: '42501' }, 'db-permission'],
    [{ code: '57014', message: 'canceling statement due to statement timeout' }, 'db-timeout'],
    [{ code: '53300' }, 'db-busy'],
    [new Error('The server does not support SSL connections'), 'db-ssl'],
    [{ code: '22021' }, 'db-encoding'],
    [new Error('something else'), 'db-error'],
  ])('%j -> %s', (err, code) => {
    const e = toSourceError(err, where);
    expect(e).toBeInstanceOf(ImportSourceError);
    expect(e.code).toBe(code);
    expect(e.userMessage).toContain('server:5432/milleps');
    expect(e.userMessage).not.toMatch(/\bat \w+ \(|Error:/);
    expect((e as Error & { cause?: unknown }).cause).toBe(err);
  });

  it('keeps an AppError as it is', () => {
    const e = new ImportSourceError('doctor-not-found', 'm', 'u');
    expect(toSourceError(e, where)).toBe(e);
  });
});
