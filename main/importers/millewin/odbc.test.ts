import { describe, expect, it } from 'vitest';
import { odbcRegistryKeys, odbcServerFromRegQuery, parseRegQueryOutput, readMillewinOdbcServer } from './odbc';

// `reg query` output as Windows prints it (CRLF, a blank line first, four spaces around the type).
const SYSTEM_DSN = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\ODBC\\ODBC.INI\\mille_MillePS',
  '    Driver    REG_SZ    C:\\Program Files\\psqlODBC\\1300\\bin\\psqlodbc35w.dll',
  '    Description    REG_SZ    Millewin PostgreSQL',
  '    Servername    REG_SZ    SERVER-STUDIO',
  '    Port    REG_SZ    5432',
  '    Database    REG_SZ    milleps',
  '    Username    REG_SZ    dba',
  '    Password    REG_SZ    not-to-be-read',
  '    SSLmode    REG_SZ    disable',
  '    ReadOnly    REG_SZ    0',
  '',
].join('\r\n');

const WOW_DSN_DWORD_PORT = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\ODBC\\ODBC.INI\\mille_MillePS',
  '    Driver    REG_SZ    C:\\Program Files (x86)\\psqlODBC\\0903\\bin\\psqlodbc30a.dll',
  '    ServerName    REG_SZ    192.168.1.10  ',
  '    Port    REG_DWORD    0x1538',
  '    Database    REG_SZ    ',
  '',
].join('\r\n');

const NO_SERVER = ['', 'HKEY_CURRENT_USER\\SOFTWARE\\ODBC\\ODBC.INI\\milleps', '    Driver    REG_SZ    x.dll', '    Servername    REG_SZ    ', ''].join('\r\n');

describe('reg query parsing', () => {
  it('reads values by lower-case name, with spaces inside values', () => {
    const values = parseRegQueryOutput(SYSTEM_DSN);
    expect(values.get('servername')).toBe('SERVER-STUDIO');
    expect(values.get('driver')).toBe('C:\\Program Files\\psqlODBC\\1300\\bin\\psqlodbc35w.dll');
    expect(values.get('description')).toBe('Millewin PostgreSQL');
  });

  it('takes only the address: server, port, database', () => {
    expect(odbcServerFromRegQuery(SYSTEM_DSN, 'K')).toEqual({ host: 'SERVER-STUDIO', port: 5432, database: 'milleps', key: 'K' });
  });

  it('reads a DWORD port and leaves out an empty database', () => {
    expect(odbcServerFromRegQuery(WOW_DSN_DWORD_PORT, 'K')).toEqual({ host: '192.168.1.10', port: 5432, key: 'K' });
  });

  it('gives null when no server is named', () => {
    expect(odbcServerFromRegQuery(NO_SERVER, 'K')).toBeNull();
    expect(odbcServerFromRegQuery('ERROR: The system was unable to find the specified registry key or value.', 'K')).toBeNull();
  });
});

describe('registry lookup', () => {
  it('tries mille_MillePS before milleps, 64-bit then 32-bit then the user', () => {
    expect(odbcRegistryKeys().slice(0, 3)).toEqual([
      'HKLM\\SOFTWARE\\ODBC\\ODBC.INI\\mille_MillePS',
      'HKLM\\SOFTWARE\\WOW6432Node\\ODBC\\ODBC.INI\\mille_MillePS',
      'HKCU\\SOFTWARE\\ODBC\\ODBC.INI\\mille_MillePS',
    ]);
    expect(odbcRegistryKeys()).toContain('HKLM\\SOFTWARE\\ODBC\\ODBC.INI\\milleps');
  });

  it('returns the first key that names a server', async () => {
    const asked: string[] = [];
    const server = await readMillewinOdbcServer(async (key) => {
      asked.push(key);
      if (key.includes('WOW6432Node') && key.endsWith('mille_MillePS')) return WOW_DSN_DWORD_PORT;
      return null;
    });
    expect(server).toEqual({ host: '192.168.1.10', port: 5432, key: 'HKLM\\SOFTWARE\\WOW6432Node\\ODBC\\ODBC.INI\\mille_MillePS' });
    expect(asked).toHaveLength(2);
  });

  it('skips keys without a server and gives null when none has one', async () => {
    expect(await readMillewinOdbcServer(async () => NO_SERVER)).toBeNull();
    expect(await readMillewinOdbcServer(async () => null)).toBeNull();
  });
});
