import fs from 'node:fs';
import path from 'node:path';
import { openExistingDatabase } from '../../main/store/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { saveMapping } from '../../main/importers/files/mappings';
import { loadMillewinFixture } from '../fixtures/millewin/fixture';
import { postgresUnavailableReason, startPostgres } from '../harness/postgres';
import { pic } from '../support/cli';
import { tempDir } from '../support/tempDir';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'imports');
const fixture = (name: string) => path.join(FIXTURES, name);

interface Report {
  adapter: string;
  runId: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: string; reason: string }[];
}

/** Imports through the real CLI into a fresh store, twice: the second run must change nothing. */
function importTwice(args: string[], env?: NodeJS.ProcessEnv): { dir: string; first: Report; second: Report } {
  const dir = tempDir('pic-import-');
  const run = () => {
    const r = pic(['import', ...args, '--data-dir', dir, '--json'], { env });
    expect(r.status, r.stderr).toBe(0);
    return r.json() as Report;
  };
  return { dir, first: run(), second: run() };
}

const dbOf = (dir: string) => openExistingDatabase(dir, { readonly: true });

describe('pic import from files', () => {
  it('imports the ATS list in Windows-1252 CSV, accents and levels kept, then changes nothing', () => {
    const { dir, first, second } = importTwice(['ats-list', '--path', fixture('ats-list-1252.csv')]);
    expect(first.adapter).toBe('ats-list');
    expect(first.created).toBeGreaterThanOrEqual(3);
    expect(first.rejected.map((r) => r.reason).join('\n')).toMatch(/Codice fiscale "RSSMRA58D12G388X" non valido/);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: first.created + first.updated });
    const db = dbOf(dir);
    const nicolo = db.prepare("SELECT surname, given_name, chronic_level, id FROM patients WHERE codice_fiscale = 'DLLNCL90S03F205K'").get() as { surname: string; given_name: string; chronic_level: number; id: number };
    expect(nicolo).toMatchObject({ surname: "DELL'ACQUA", given_name: 'NICOLÒ', chronic_level: 2 });
    expect(db.prepare('SELECT code FROM patient_pathologies WHERE patient_id = ? ORDER BY code').pluck().all(nicolo.id)).toEqual([50, 56]);
    expect(db.prepare('SELECT type FROM letters WHERE patient_id = ?').pluck().all(nicolo.id)).toEqual([3]);
    db.close();
  });

  it('imports the ATS list from XLSX and from UTF-8 with BOM', () => {
    const xlsx = importTwice(['ats-list', '--path', fixture('ats-list.xlsx')]);
    expect(xlsx.first.created).toBeGreaterThan(0);
    expect(xlsx.second).toMatchObject({ created: 0, updated: 0 });
    const utf8 = importTwice(['ats-list', '--path', fixture('ats-list-utf8-bom.csv')]);
    expect(utf8.first.created).toBeGreaterThan(0);
    expect(utf8.second).toMatchObject({ created: 0, updated: 0 });
  });

  it('imports another program export through a saved column mapping, ICD9 codes suggesting pathologies', async () => {
    const dir = tempDir('pic-import-mapped-');
    await saveMapping(dir, 'Gestionale X', {
      codiceFiscale: 'Cod.Fisc.',
      surname: 'Denominazione',
      givenName: 'Nome proprio',
      birthDate: 'Nato il',
      sex: 'M/F',
      phone: 'Tel. abitazione',
      mobile: 'Tel. cell.',
      email: 'Posta elettr.',
      icd9: 'Diagnosi ICD9',
      exemptions: 'Esenzioni',
    }, { savedAt: new Date() });
    const run = () => pic(['import', 'mapped-file', '--path', fixture('mapped-export.csv'), '--mapping', 'Gestionale X', '--data-dir', dir, '--json']);
    const first = run().json() as Report;
    expect(first.created).toBeGreaterThan(0);
    expect(run().json()).toMatchObject({ created: 0, updated: 0 });
    const db = dbOf(dir);
    const codes = db.prepare("SELECT pp.code FROM patient_pathologies pp JOIN patients p ON p.id = pp.patient_id WHERE p.codice_fiscale = 'PREGSI50C07G388A' ORDER BY code").pluck().all();
    expect(codes).toEqual([50, 56]);
    db.close();
  });

  it('imports a FHIR R4 bundle of Patient and Condition resources', () => {
    const { first, second } = importTwice(['fhir-bundle', '--path', fixture('bundle.json')]);
    expect(first.created).toBeGreaterThan(0);
    expect(second).toMatchObject({ created: 0, updated: 0 });
  });

  it('explains broken sources and writes nothing', () => {
    const dir = tempDir('pic-import-bad-');
    const fail = (args: string[]) => {
      const r = pic(['import', ...args, '--data-dir', dir, '--json']);
      expect(r.status).toBe(1);
      return r.json() as { error: string; message: string };
    };
    expect(fail(['ats-list', '--path', fixture('fake.xlsx')]).error).toBe('not-xlsx');
    expect(fail(['ats-list', '--path', fixture('empty.csv')]).error).toBe('empty-file');
    expect(fail(['ats-list', '--path', fixture('missing-cf-column.csv')]).error).toBe('missing-column');
    expect(fail(['ats-list', '--path', '/nonexistent/lista.csv']).message).toMatch(/\S/);
    expect(fail(['no-such-adapter']).error).toBe('unknown-adapter');
    const db = dbOf(dir);
    expect(db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(0);
    db.close();
  });

  it('runs no plug-in until it is enabled by its hash; then lists the adapters, reports a broken plug-in, loads a good one', () => {
    const dir = tempDir('pic-import-plugins-');
    fs.mkdirSync(path.join(dir, 'plugins'));
    fs.writeFileSync(path.join(dir, 'plugins', 'broken.js'), 'export default { id: "x" };');
    fs.writeFileSync(
      path.join(dir, 'plugins', 'elenco.mjs'),
      `export default {
        id: 'elenco-semplice', name: 'Elenco semplice', description: 'Un codice fiscale per riga', source: 'file',
        options: { safeParse: (o) => (o && typeof o.path === 'string' ? { success: true, data: o } : { success: false, error: { issues: [{ path: ['path'], message: 'manca il percorso' }] } }) },
        async detect() { return { match: true }; },
        async preview() { return { items: [], warnings: [] }; },
        async *read(o) { const fs = await import('node:fs'); let n = 0; for (const cf of fs.readFileSync(o.path, 'utf8').split('\\n').filter(Boolean)) yield { kind: 'patient', row: ++n, patient: { codiceFiscale: cf, surname: 'Prova', givenName: 'Plugin' } }; },
      };`,
    );
    type Adapters = { adapters: { id: string; plugin: boolean }[]; failures: { file: string; reason: string }[] };
    const before = pic(['import', 'list-adapters', '--data-dir', dir, '--json']).json() as Adapters;
    expect(before.adapters.map((a) => a.id)).not.toContain('elenco-semplice');
    expect(before.failures).toEqual([]);
    const plugins = (pic(['plugins', 'list', '--data-dir', dir, '--json']).json() as { plugins: { file: string; sha256: string; state: string }[] }).plugins;
    expect(plugins.map((p) => [p.file, p.state])).toEqual([['broken.js', 'not-enabled'], ['elenco.mjs', 'not-enabled']]);
    const refused = pic(['plugins', 'enable', 'elenco.mjs', '--sha256', '0'.repeat(64), '--data-dir', dir, '--json']);
    expect(refused.status).toBe(1);
    expect(refused.json()).toMatchObject({ error: 'plugin-changed' });
    for (const p of plugins) expect(pic(['plugins', 'enable', p.file, '--sha256', p.sha256, '--data-dir', dir, '--json']).status).toBe(0);

    const listed = pic(['import', 'list-adapters', '--data-dir', dir, '--json']).json() as Adapters;
    expect(listed.adapters.map((a) => a.id)).toEqual(expect.arrayContaining(['millewin', 'ats-list', 'mapped-file', 'fhir-bundle', 'elenco-semplice']));
    expect(listed.adapters.find((a) => a.id === 'elenco-semplice')!.plugin).toBe(true);
    expect(listed.failures).toEqual([{ file: 'broken.js', reason: expect.stringMatching(/name/) }]);
    const list = path.join(dir, 'cf.txt');
    fs.writeFileSync(list, `${computeCodiceFiscale({ surname: 'Prova', givenName: 'Plugin', sex: 'M', birthDate: '1950-01-01', birthPlaceCode: 'G388' })}\n`);
    expect(pic(['import', 'elenco-semplice', '--path', list, '--data-dir', dir, '--json']).json()).toMatchObject({ created: 1 });
  });

  it('undoes a run, and a dry run saves nothing', () => {
    const dir = tempDir('pic-import-undo-');
    const dry = pic(['import', 'ats-list', '--path', fixture('ats-list-1252.csv'), '--dry-run', '--data-dir', dir, '--json']).json() as Report;
    expect(dry.runId).toBeNull();
    expect(dry.created).toBeGreaterThan(0);
    const real = pic(['import', 'ats-list', '--path', fixture('ats-list-1252.csv'), '--data-dir', dir, '--json']).json() as Report;
    expect(real.created).toBe(dry.created);
    const undone = pic(['import', 'undo', String(real.runId), '--data-dir', dir, '--json']);
    expect(undone.json()).toMatchObject({ removed: real.created, kept: [] });
    const db = dbOf(dir);
    expect(db.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(0);
    db.close();
    expect((pic(['import', 'runs', '--data-dir', dir, '--json']).json() as { runs: { status: string }[] }).runs[0]!.status).toBe('undone');
  });
});

const pgSkip = postgresUnavailableReason();
if (pgSkip) console.log(`[import] Millewin tests skipped: ${pgSkip}`);

describe.skipIf(pgSkip)('pic import millewin from a real PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof startPostgres>>;

  beforeAll(async () => {
    pg = await startPostgres();
    await loadMillewinFixture(pg.url);
  }, 60_000);

  afterAll(async () => {
    await pg?.stop();
  });

  it("imports the doctor's current patients twice, the second run changing nothing", () => {
    const env = { PGPASSWORD: pg.password };
    const args = ['millewin', '--host', pg.host, '--port', String(pg.port), '--database', pg.database, '--user', pg.user, '--doctor'];
    const dir = tempDir('pic-import-mw-');
    const doctors = pic(['import', ...args, 'NOBODY', '--data-dir', dir, '--json'], { env });
    expect(doctors.status).toBe(1);
    expect(doctors.json()).toMatchObject({ error: 'doctor-not-found' });
    const { first, second } = importTwice([...args, 'MROSSI'], env);
    expect(first.created).toBeGreaterThan(10);
    expect(first.rejected.length).toBeGreaterThan(0);
    expect(second).toMatchObject({ created: 0, updated: 0 });
    const wrong = pic(['import', ...args, 'MROSSI', '--data-dir', dir, '--json'], { env: { PGPASSWORD: 'sbagliata' } });
    expect(wrong.json()).toMatchObject({ error: 'db-auth' });
  });
});
