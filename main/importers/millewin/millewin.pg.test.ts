import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMillewinFixture, type FixturePatient, type MillewinFixture } from '../../../test/fixtures/millewin/fixture';
import { postgresUnavailableReason, startPostgres, type PostgresInstance } from '../../../test/harness/postgres';
import type { ImportContext, ImportItem } from '../adapter';
import { ImportSourceError } from '../errors';
import { createMillewinAdapter, listMillewinDoctors, millewinAdapter, MillewinSession, type MillewinOptions } from './index';

/**
 * The adapter against a real PostgreSQL (test/harness/postgres.ts) holding the fixture of
 * test/fixtures/millewin: a LATIN1 database, as an old Millewin install may have.
 */

const reason = postgresUnavailableReason();
if (reason) console.warn(`[millewin] PostgreSQL tests skipped: ${reason}`);

const APP_NAME = 'PiC Studio (importazione Millewin)';
const TABLES = ['users', 'pazienti', 'nos_002', 'cart_pazpbl', 'cart_terap', 'cart_accert'];

function context(over: Partial<ImportContext> = {}): ImportContext {
  return { signal: new AbortController().signal, dataDir: '/nonexistent', today: '2026-06-15', ...over };
}

async function collect(iterable: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function parse(input: Record<string, unknown>): MillewinOptions {
  const r = millewinAdapter.options.safeParse(input);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const codiceOf = (item: ImportItem) => String(item.row).replace('pazienti.codice=', '');
const patientsOf = (items: ImportItem[]) => new Map(items.flatMap((i) => (i.kind === 'patient' ? [[codiceOf(i), i] as const] : [])));

describe.skipIf(reason)('Millewin adapter on PostgreSQL', () => {
  let db: PostgresInstance;
  let fixture: MillewinFixture;
  let options: MillewinOptions;
  const expected = (what: FixturePatient['expect']) => fixture.patients.filter((p) => p.expect === what).map((p) => p.codice);

  async function checksums(database = 'milleps'): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const t of TABLES) {
      const r = await db.adminQuery(`SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS sum FROM ${t} x`, database);
      out[t] = r.rows[0].sum;
    }
    return out;
  }

  async function connectionsOfAdapter(): Promise<number> {
    const r = await db.adminQuery(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${APP_NAME}'`, 'postgres');
    return r.rows[0].n;
  }

  async function waitNoConnections(): Promise<number> {
    for (let i = 0; i < 50; i++) {
      const n = await connectionsOfAdapter();
      if (n === 0) return 0;
      await new Promise((r) => setTimeout(r, 50));
    }
    return connectionsOfAdapter();
  }

  beforeAll(async () => {
    db = await startPostgres({ encoding: 'LATIN1' });
    fixture = await loadMillewinFixture(db.url);
    // A doctor of the studio with no patients.
    await db.adminQuery("INSERT INTO users (userid, cognomeuser, nomeuser) VALUES ('SOSTITUTO', 'VERDI', 'ANNA')");
    options = parse({ url: db.url, doctor: fixture.doctorA.userid });
  }, 60_000);

  afterAll(async () => {
    await db?.stop();
  }, 30_000);

  it('yields the current patients of the doctor only, ordered by codice, and rejects those without codice fiscale', async () => {
    const items = await collect(millewinAdapter.read(options, context()));
    expect(items.filter((i) => i.kind === 'patient').map(codiceOf)).toEqual(expected('patient'));
    expect(items.filter((i) => i.kind === 'reject').map(codiceOf)).toEqual(expected('reject'));
    expect(items.map(codiceOf)).toEqual([...items.map(codiceOf)].sort());
    // Dead (1005), revoked in the past (1006), no doctor (1020), doctor B's (2001-2005): none.
    for (const c of expected('excluded')) expect(items.map(codiceOf)).not.toContain(c);
    expect(items.map(codiceOf)).toContain('1007');
    for (const r of items.filter((i) => i.kind === 'reject')) {
      if (r.kind === 'reject') expect(r.reason).toMatch(/^Codice fiscale mancante in Millewin \((GRECO ELENA|MARINO SERGIO)\)/);
    }
  });

  it('attaches the active problems and the chronic therapies', async () => {
    const byCodice = patientsOf(await collect(millewinAdapter.read(options, context())));
    const p = (codice: string) => {
      const item = byCodice.get(codice);
      if (!item || item.kind !== 'patient') throw new Error(`no patient ${codice}`);
      return item;
    };
    expect(p('1001').patient).toEqual({
      codiceFiscale: fixture.patients[0]!.cf,
      surname: 'BRAMBILLA',
      givenName: 'GIUSEPPE',
      birthDate: '1948-05-14',
      sex: 'M',
      mobile: '3331234567',
      email: 'g.brambilla@example.it',
      problems: [
        { icd9: '401.9', description: 'IPERTENSIONE ARTERIOSA', since: '2008-06-20' },
        { icd9: '250.00', description: 'DIABETE MELLITO TIPO 2', since: '2010-03-01' },
        { icd9: '272.4', description: 'IPERLIPIDEMIA', since: '2015-01-10' },
      ],
      therapies: [
        { atc: 'A10BA02', description: 'METFORMINA 1000MG' },
        { atc: 'C09AA05', description: 'RAMIPRIL 5MG' },
      ],
    });
    // Inactive problems (resolved 'R', closed 'C') and non-chronic therapies are left out.
    expect(p('1002').patient.problems?.map((x) => x.icd9).sort()).toEqual(['427.31', '428.0']);
    expect(p('1002').patient.therapies?.map((x) => x.atc).sort()).toEqual(['B01AA03', 'C03CA01']);
    expect(p('1003').patient.problems?.map((x) => x.icd9)).toEqual(['496']);
    expect(p('1019').patient.problems?.map((x) => x.icd9).sort()).toEqual(['477.9', '715.90']);
    // Repeated rows, codes with blanks, problems without ICD9, therapies without ATC.
    expect(p('1018').patient.problems).toEqual([
      { icd9: '401.9', description: 'IPERTENSIONE ARTERIOSA', since: '2005-05-05' },
      { icd9: null, description: 'LOMBALGIA CRONICA', since: '2011-11-11' },
    ]);
    expect(p('1018').patient.therapies).toEqual([
      { atc: 'C08CA01', description: 'AMLODIPINA 5MG' },
      { atc: null, description: 'DIETA IPOSODICA' },
    ]);
    // Every PiC group of the brief reaches the engine.
    const codes = new Set([...byCodice.values()].flatMap((i) => (i.kind === 'patient' ? (i.patient.problems ?? []).map((x) => x.icd9) : [])));
    for (const c of ['250.00', '250.40', '401.9', '428.0', '496', '585.4', '427.31', '414.01', 'V45.11']) expect(codes).toContain(c);
  });

  it('keeps accented names, trims, passes duplicate, malformed and omocode codici fiscali as they are', async () => {
    const byCodice = patientsOf(await collect(millewinAdapter.read(options, context())));
    const patient = (codice: string) => (byCodice.get(codice) as Extract<ImportItem, { kind: 'patient' }>).patient;
    const cfOf = (codice: string) => fixture.patients.find((x) => x.codice === codice)!.cf;
    expect(patient('1003')).toMatchObject({ surname: "D'ANGELO", givenName: 'Nicolò' });
    expect(patient('1004')).toMatchObject({ surname: 'Perù', givenName: 'José', email: 'jose.peru@example.it' });
    expect(patient('1008').codiceFiscale).toBe(patient('1009').codiceFiscale);
    expect(patient('1010').codiceFiscale).toBe(cfOf('1010'));
    expect(patient('1011').codiceFiscale).toBe(cfOf('1011'));
    expect(patient('1011').codiceFiscale).toMatch(/[LMNPQRSTUV]/);
    expect(patient('1016')).toMatchObject({ surname: 'Galli', givenName: 'Chiara', sex: 'F', mobile: '339 555 0000', email: null });
    expect(patient('1017')).toMatchObject({ birthDate: null, sex: null });
  });

  it('warns about a coming revocation and a patient outside the convenzione', async () => {
    const byCodice = patientsOf(await collect(millewinAdapter.read(options, context())));
    expect(byCodice.get('1007')?.warnings?.[0]).toMatch(/^Revoca dal medico già registrata con decorrenza \d\d\/\d\d\/\d{4}\.$/);
    expect(byCodice.get('1015')?.warnings).toEqual(['Paziente non in convenzione SSN in Millewin (pa_convenzione = "N").']);
    expect(byCodice.get('1001')?.warnings).toBeUndefined();
  });

  it('reports progress against the count of current patients', async () => {
    const sizes: [number, number | null][] = [];
    const items = await collect(millewinAdapter.read({ ...options, batchSize: 7 }, context({ reportSize: (read, total) => sizes.push([read, total]) })));
    const total = expected('patient').length + expected('reject').length;
    expect(items).toHaveLength(total);
    expect(sizes[0]).toEqual([0, total]);
    expect(sizes.at(-1)).toEqual([total, total]);
    const steps = [0];
    for (let n = 7; n < total; n += 7) steps.push(n);
    steps.push(total);
    expect(sizes.map(([read]) => read)).toEqual(steps);
  });

  it('reads doctor B alone, and finds a doctor by codice fiscale too', async () => {
    const b = await collect(millewinAdapter.read(parse({ url: db.url, doctor: fixture.doctorB.userid }), context()));
    expect(b.map(codiceOf)).toEqual(['2001', '2002', '2003', '2004', '2005']);
    const byCf = await collect(millewinAdapter.read(parse({ url: db.url, doctor: fixture.doctorB.cf }), context()));
    expect(byCf.map(codiceOf)).toEqual(b.map(codiceOf));
  });

  it('previews the first items with warnings about the source', async () => {
    const sizes: [number, number | null][] = [];
    const preview = await millewinAdapter.preview(options, 3, context({ reportSize: (read, total) => sizes.push([read, total]) }));
    expect(preview.items.map(codiceOf)).toEqual(['1001', '1002', '1003']);
    expect(preview.warnings).toEqual([
      '2 pazienti senza codice fiscale in Millewin: non saranno importati.',
      '1 paziente non in convenzione SSN (pa_convenzione diverso da "S"): verificare prima di arruolarli.',
    ]);
    expect(sizes[0]).toEqual([0, expected('patient').length + expected('reject').length]);
    const empty = await millewinAdapter.preview(parse({ url: db.url, doctor: 'SOSTITUTO' }), 10, context());
    expect(empty).toEqual({ items: [], warnings: ['Il medico VERDI ANNA (SOSTITUTO) ha 0 pazienti attivi in Millewin.'] });
  });

  it('detects a Millewin database', async () => {
    expect(await millewinAdapter.detect(options, context())).toEqual({ match: true, reason: expect.stringContaining('medico ROSSI MARIA (MROSSI)') });
    const unknownDoctor = await millewinAdapter.detect(parse({ url: db.url, doctor: 'NESSUNO' }), context());
    expect(unknownDoctor.match).toBe(true);
    const notMillewin = await millewinAdapter.detect(parse({ url: db.urlFor('postgres'), doctor: 'x' }), context());
    expect(notMillewin.match).toBe(false);
    expect(notMillewin.reason).toContain('mancano le tabelle pazienti, nos_002, users, cart_pazpbl, cart_terap');
  });

  it('lists the doctors with their current patients', async () => {
    const { doctor: _doctor, ...connection } = options;
    expect(await listMillewinDoctors(connection)).toEqual([
      { userid: 'LBIANCHI', surname: 'BIANCHI', givenName: 'LUCA', patients: 5 },
      { userid: 'MROSSI', surname: 'ROSSI', givenName: 'MARIA', patients: expected('patient').length + expected('reject').length },
      { userid: 'SOSTITUTO', surname: 'VERDI', givenName: 'ANNA', patients: 0 },
    ]);
  });

  it('an unknown doctor is an ImportSourceError that lists nobody', async () => {
    const run = collect(millewinAdapter.read(parse({ url: db.url, doctor: 'NESSUNO' }), context()));
    await expect(run).rejects.toBeInstanceOf(ImportSourceError);
    const error = (await run.catch((e: unknown) => e)) as ImportSourceError;
    expect(error.code).toBe('doctor-not-found');
    expect(error.userMessage).toContain('"NESSUNO"');
    for (const other of ['MROSSI', 'LBIANCHI', 'ROSSI', 'BIANCHI', 'SOSTITUTO']) expect(error.userMessage).not.toContain(other);
    expect(await waitNoConnections()).toBe(0);
  });

  it('is read-only: a REPEATABLE READ READ ONLY snapshot, writes refused, tables unchanged', async () => {
    const before = await checksums();
    const session = await MillewinSession.open(options);
    try {
      expect(await session.transactionState()).toEqual({ readOnly: true, defaultReadOnly: true, isolation: 'repeatable read' });
      const client = (session as unknown as { client: pg.Client }).client;
      await expect(client.query("UPDATE pazienti SET cognome = 'X' WHERE codice = '1001'")).rejects.toMatchObject({ code: '25006' });
    } finally {
      await session.close();
    }
    await collect(millewinAdapter.read(options, context()));
    await millewinAdapter.preview(options, 5, context());
    await millewinAdapter.detect(options, context());
    expect(await checksums()).toEqual(before);
    expect(await waitNoConnections()).toBe(0);
  });

  it('reads a snapshot: rows changed during the read are not seen', async () => {
    const iterator = millewinAdapter.read({ ...options, batchSize: 2 }, context())[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    await db.adminQuery("UPDATE nos_002 SET pa_drevoca = '2001-01-01' WHERE codice = '1030'");
    try {
      const rest: ImportItem[] = [];
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest.push(r.value);
      expect(rest.map(codiceOf)).toContain('1030');
    } finally {
      await db.adminQuery("UPDATE nos_002 SET pa_drevoca = NULL WHERE codice = '1030'");
    }
  });

  it('a wrong password is db-auth', async () => {
    const bad = parse({ host: db.host, port: db.port, user: db.user, password: 'wrong', doctor: 'MROSSI' });
    await expect(collect(millewinAdapter.read(bad, context()))).rejects.toMatchObject({ code: 'db-auth', name: 'ImportSourceError' });
    await expect(millewinAdapter.preview(bad, 5, context())).rejects.toMatchObject({ code: 'db-auth' });
    const detected = await millewinAdapter.detect(bad, context());
    expect(detected).toEqual({ match: false, reason: expect.stringContaining('utente o password errati') });
  });

  it('takes the password from PGPASSWORD when the options have none', async () => {
    const adapter = createMillewinAdapter({ env: { PGPASSWORD: db.password }, platform: 'linux' });
    const items = await collect(adapter.read(parse({ host: db.host, port: db.port, user: db.user, doctor: 'MROSSI' }), context()));
    expect(items.length).toBe(expected('patient').length + expected('reject').length);
    const noPassword = createMillewinAdapter({ env: {}, platform: 'linux' });
    await expect(collect(noPassword.read(parse({ host: db.host, port: db.port, user: db.user, doctor: 'MROSSI' }), context()))).rejects.toMatchObject({ code: 'db-auth' });
  });

  it('a closed port is db-unreachable, an unknown database db-missing-database', async () => {
    const port = await closedPort();
    const closed = parse({ host: '127.0.0.1', port, user: 'u', password: 'p', doctor: 'MROSSI' });
    const error = (await collect(millewinAdapter.read(closed, context())).catch((e: unknown) => e)) as ImportSourceError;
    expect(error).toBeInstanceOf(ImportSourceError);
    expect(error.code).toBe('db-unreachable');
    expect(error.userMessage).toContain(`127.0.0.1:${port}/milleps`);
    expect(error.userMessage).not.toContain('ECONNREFUSED');
    await expect(collect(millewinAdapter.read(parse({ url: db.urlFor('nonesiste'), doctor: 'MROSSI' }), context()))).rejects.toMatchObject({ code: 'db-missing-database' });
  });

  it('a missing table is db-missing-table', async () => {
    await db.adminQuery(`CREATE DATABASE milleps_broken TEMPLATE milleps OWNER ${db.user}`, 'postgres');
    await db.adminQuery('DROP TABLE cart_terap', 'milleps_broken');
    const broken = parse({ url: db.urlFor('milleps_broken'), doctor: 'MROSSI' });
    const error = (await collect(millewinAdapter.read(broken, context())).catch((e: unknown) => e)) as ImportSourceError;
    expect(error).toMatchObject({ code: 'db-missing-table', name: 'ImportSourceError' });
    expect(error.userMessage).toContain('cart_terap');
    await expect(millewinAdapter.preview(broken, 5, context())).rejects.toMatchObject({ code: 'db-missing-table' });
    expect((await millewinAdapter.detect(broken, context())).match).toBe(false);
    await db.adminQuery('ALTER TABLE cart_pazpbl DROP COLUMN pb_status', 'milleps_broken');
    await db.adminQuery('CREATE TABLE cart_terap (codice varchar(16), co_atc varchar(10), te_c_flag char(1))', 'milleps_broken');
    await expect(collect(millewinAdapter.read(broken, context()))).rejects.toMatchObject({ code: 'db-missing-column', userMessage: expect.stringContaining('cart_pazpbl.pb_status') });
  });

  it('tolerates text dates, numeric sex, integer codici, blank decesso; warns of missing optional columns', async () => {
    await db.adminQuery(`CREATE DATABASE milleps_text TEMPLATE milleps OWNER ${db.user}`, 'postgres');
    const sql = [
      'ALTER TABLE nos_002 DROP CONSTRAINT nos_002_codice_fkey',
      ...['pazienti', 'nos_002', 'cart_pazpbl', 'cart_terap', 'cart_accert'].map((t) => `ALTER TABLE ${t} ALTER COLUMN codice TYPE integer USING codice::integer`),
      "ALTER TABLE pazienti ALTER COLUMN nascita TYPE varchar(10) USING to_char(nascita, 'DD/MM/YYYY')",
      "ALTER TABLE pazienti ALTER COLUMN decesso TYPE varchar(10) USING coalesce(to_char(decesso, 'DD/MM/YYYY'), '')",
      "ALTER TABLE pazienti ALTER COLUMN sesso TYPE smallint USING CASE upper(sesso) WHEN 'M' THEN 1 WHEN 'F' THEN 2 END",
      // Revocations as d/m/yyyy without leading zeros, the future one as yyyy-mm-dd.
      "ALTER TABLE nos_002 ALTER COLUMN pa_drevoca TYPE varchar(20) USING CASE WHEN pa_drevoca < CURRENT_DATE THEN to_char(pa_drevoca, 'FMDD/FMMM/YYYY') ELSE to_char(pa_drevoca, 'YYYY-MM-DD') END",
      "ALTER TABLE cart_pazpbl ALTER COLUMN data_open TYPE timestamp USING data_open + time '10:30'",
      'ALTER TABLE nos_002 DROP COLUMN email',
    ];
    for (const s of sql) await db.adminQuery(s, 'milleps_text');
    const textOptions = parse({ url: db.urlFor('milleps_text'), doctor: 'MROSSI' });
    const items = await collect(millewinAdapter.read(textOptions, context()));
    expect(items.filter((i) => i.kind === 'patient').map(codiceOf)).toEqual(expected('patient'));
    expect(items.filter((i) => i.kind === 'reject').map(codiceOf)).toEqual(expected('reject'));
    const byCodice = patientsOf(items);
    expect(byCodice.get('1001')).toMatchObject({
      patient: { birthDate: '1948-05-14', sex: 'M', email: null, problems: expect.arrayContaining([{ icd9: '250.00', description: 'DIABETE MELLITO TIPO 2', since: '2010-03-01' }]) },
    });
    expect(byCodice.get('1002')?.kind === 'patient' && byCodice.get('1002')?.patient).toMatchObject({ sex: 'F' });
    expect(byCodice.get('1007')?.warnings?.[0]).toMatch(/^Revoca dal medico/);
    const preview = await millewinAdapter.preview(textOptions, 1, context());
    expect(preview.warnings).toContain('Colonne assenti in questa versione di Millewin, i dati relativi non saranno importati: nos_002.email.');
  });

  it('matches problems and therapies when codice is char(n) in pazienti and varchar elsewhere', async () => {
    await db.adminQuery(`CREATE DATABASE milleps_char TEMPLATE milleps OWNER ${db.user}`, 'postgres');
    for (const s of [
      'ALTER TABLE nos_002 DROP CONSTRAINT nos_002_codice_fkey',
      'ALTER TABLE pazienti ALTER COLUMN codice TYPE char(10)',
      'ALTER TABLE nos_002 ALTER COLUMN codice TYPE char(10)',
    ]) {
      await db.adminQuery(s, 'milleps_char');
    }
    const items = await collect(millewinAdapter.read(parse({ url: db.urlFor('milleps_char'), doctor: 'MROSSI' }), context()));
    expect(items.filter((i) => i.kind === 'patient').map(codiceOf)).toEqual(expected('patient'));
    const p1001 = patientsOf(items).get('1001');
    expect(p1001?.kind === 'patient' && p1001.patient.problems?.map((p) => p.icd9)).toEqual(['401.9', '250.00', '272.4']);
    expect(p1001?.kind === 'patient' && p1001.patient.therapies?.map((p) => p.atc)).toEqual(['A10BA02', 'C09AA05']);
  });

  it('reads Latin-1 text from a SQL_ASCII database', async () => {
    await db.adminQuery("CREATE DATABASE milleps_ascii TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'", 'postgres');
    await db.adminQuery(`ALTER DATABASE milleps_ascii OWNER TO ${db.user}`, 'postgres');
    await loadMillewinFixture(db.urlFor('milleps_ascii'));
    // Millewin's own programs wrote Windows-1252 bytes: "Nicolò", "PERÙ".
    await db.adminQuery("UPDATE pazienti SET nome = convert_from('\\x4e69636f6cf2'::bytea, 'SQL_ASCII') WHERE codice = '1003'", 'milleps_ascii');
    await db.adminQuery("UPDATE cart_pazpbl SET nome_pbl = 'INSUFFICIENZA RENALE - CITT' || convert_from('\\xc0'::bytea, 'SQL_ASCII') WHERE codice = '1004' AND cp_code = '585.4'", 'milleps_ascii');
    const items = await collect(millewinAdapter.read(parse({ url: db.urlFor('milleps_ascii'), doctor: 'MROSSI' }), context()));
    const byCodice = patientsOf(items);
    expect(byCodice.get('1003')).toMatchObject({ patient: { givenName: 'Nicolò', surname: "D'ANGELO" } });
    // UTF-8 bytes (written by a newer program) are read as UTF-8.
    expect(byCodice.get('1004')).toMatchObject({ patient: { surname: 'Perù', givenName: 'José' } });
    const problems = byCodice.get('1004')?.kind === 'patient' ? byCodice.get('1004')!.patient.problems : [];
    expect(problems?.find((p) => p.icd9 === '585.4')?.description).toBe('INSUFFICIENZA RENALE - CITTÀ');
  });

  it('stops when the signal aborts, and releases the connection', async () => {
    const controller = new AbortController();
    const seen: ImportItem[] = [];
    for await (const item of millewinAdapter.read({ ...options, batchSize: 2 }, context({ signal: controller.signal }))) {
      seen.push(item);
      if (seen.length === 3) controller.abort();
    }
    expect(seen).toHaveLength(3);
    expect(await waitNoConnections()).toBe(0);

    const before = new AbortController();
    before.abort();
    expect(await collect(millewinAdapter.read(options, context({ signal: before.signal })))).toEqual([]);
    expect(await millewinAdapter.preview(options, 5, context({ signal: before.signal }))).toEqual({ items: [], warnings: [] });
  });

  it('an abort in the middle of a query ends the read at once', async () => {
    const controller = new AbortController();
    // A lock makes the patients' cursor wait: the abort must not wait for it.
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE cart_pazpbl IN ACCESS EXCLUSIVE MODE');
    try {
      const started = Date.now();
      setTimeout(() => controller.abort(), 300);
      const items = await collect(millewinAdapter.read(options, context({ signal: controller.signal })));
      expect(items).toEqual([]);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await waitNoConnections()).toBe(0);
  });
});
