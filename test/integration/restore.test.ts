import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import type { CallContext } from '../../main/api/context';
import { Core } from '../../main/core';
import { fixture } from '../doubles/importFiles';
import { applyKey } from '../../main/store/cipher';
import { openExistingDatabase } from '../../main/store/database';
import { defaultKeyDir, KEY_ID_FILE } from '../../main/store/keys';
import { Database } from '../../main/store/sqlite';
import { callAsPage, valueAsPage } from '../support/pageCalls';
import { tempDir } from '../support/tempDir';

const MMG: CallContext['operator'] = { codiceFiscale: 'BNCGLI75A41F205I', name: 'BIANCHI GIULIA', role: 'mmg' };
const SECRETARY: CallContext['operator'] = { codiceFiscale: 'VRDPLA88R61G388Z', name: 'VERDI PAOLA', role: 'segretaria' };

const opened: Core[] = [];
let minute = 0;
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
  minute = 0;
});

/** Each core's clock a minute after the last one's (the first at 09:00): backups of one test never share a name. */
function core(kind: 'demo' | 'clinic' = 'demo', patients = 40): Core {
  const at = new Date(Date.parse('2026-11-23T09:00:00Z') + minute++ * 60_000);
  const c = new Core({ dataDir: tempDir(), createAs: kind, clock: { now: () => at } });
  opened.push(c);
  if (patients > 0) c.services.demoSeed.seed(patients, 3);
  return c;
}

/** The page's way in, as the MMG (or whoever): dispatch, through whatever archive the core has open now. */
const call = (c: Core, name: string, input: unknown = {}, operator: CallContext['operator'] = MMG) => callAsPage(c, name, input, operator);
const value = <T>(c: Core, name: string, input: unknown = {}) => valueAsPage<T>(c, name, input, MMG);

interface Listed {
  folder: string | null;
  backups: { name: string; path: string; patients: number; problem: { code: string; message: string } | null }[];
}

/** A backup of `c` into a folder of its own (chosen in Impostazioni), through the contract. */
async function backedUp(c: Core, folder = tempDir()): Promise<{ name: string; path: string }> {
  await value(c, 'backup.setFolder', { folder });
  const { backup } = await value<{ backup: { name: string; path: string } }>(c, 'backup.run');
  return backup;
}

const restoredOrReplacedDirs = (c: Core) => (fs.existsSync(path.join(c.dataDir, 'backups')) ? fs.readdirSync(path.join(c.dataDir, 'backups')) : []);

describe('restoring a backup from the page', () => {
  it('shows what a backup holds and what it would replace, before anything is replaced', async () => {
    const c = core();
    fs.mkdirSync(path.join(c.dataDir, 'documents', '1'), { recursive: true });
    fs.writeFileSync(path.join(c.dataDir, 'documents', '1', 'patto.pdf'), 'patto');
    const enrollments = c.store.database.sqlite.prepare("SELECT count(*) FROM enrollments WHERE state != 'candidate'").pluck().get() as number;
    const backup = await backedUp(c);
    c.services.demoSeed.seed(45, 3);

    const listed = await value<Listed>(c, 'backup.list');
    expect(listed.backups).toEqual([expect.objectContaining({ name: backup.name, patients: 40, problem: null })]);
    const contents = await value<Record<string, unknown>>(c, 'backup.inspect', { name: backup.name });
    expect(contents).toMatchObject({
      name: backup.name,
      createdAt: '2026-11-23T09:00:00.000Z',
      appVersion: pkg.version,
      schemaVersion: c.store.database.schemaVersion,
      patients: 40,
      enrollments,
      documents: 1,
      keyMatches: true,
      problem: null,
      current: { patients: 45, enrollments: expect.any(Number), documents: 1 },
    });
    expect(contents.sizeBytes).toBeGreaterThan(fs.statSync(path.join(backup.path, 'pic.sqlite')).size);
    expect(c.services.patients.count()).toBe(45);
  });

  it('replaces the archive through dispatch, keeps the replaced one, and the core goes on answering with the restored data', async () => {
    const c = core();
    const documents = path.join(c.dataDir, 'documents');
    fs.mkdirSync(path.join(documents, '1'), { recursive: true });
    fs.writeFileSync(path.join(documents, '1', 'patto.pdf'), 'patto');
    const backup = await backedUp(c);
    c.services.demoSeed.seed(45, 3);
    fs.mkdirSync(path.join(documents, '2'));
    fs.writeFileSync(path.join(documents, '2', 'privacy.pdf'), 'privacy');
    const told: unknown[] = [];
    c.events.on('backup.restored', (p) => told.push(p));

    const r = await call(c, 'backup.restore', { name: backup.name, confirm: true });
    expect(r).toMatchObject({ ok: true, value: { backup: { name: backup.name, patients: 40 }, replaced: expect.stringMatching(/backups[\\/]replaced-/) } });
    const replaced = (r as { value: { replaced: string } }).value.replaced;
    expect(told).toEqual([{ createdAt: '2026-11-23T09:00:00.000Z', patients: 40, enrollments: expect.any(Number), documents: 1, replaced }]);

    // The same core, the restored archive: read and written.
    expect(await value(c, 'app.info')).toMatchObject({ patientCount: 40 });
    expect(await value(c, 'patients.search', { text: 'ros' })).toMatchObject({ patients: expect.any(Array) });
    expect(fs.existsSync(path.join(documents, '1', 'patto.pdf'))).toBe(true);
    expect(fs.existsSync(path.join(documents, '2'))).toBe(false);
    expect(c.services.demoSeed.seed(41, 3).created).toBe(1);
    expect(c.store.database.sqlite.prepare("SELECT operator_cf FROM audit_log WHERE action = 'backup.restore'").pluck().all()).toEqual([MMG!.codiceFiscale]);

    // What it replaced, whole: 45 patients, both documents, opening with the same key.
    expect(fs.existsSync(path.join(replaced, 'documents', '2', 'privacy.pdf'))).toBe(true);
    const old = openExistingDatabase(replaced, { readonly: true });
    expect(old.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(45);
    old.close();
    expect(restoredOrReplacedDirs(c).filter((n) => n.startsWith('restoring-'))).toEqual([]);
  });

  it('a damaged backup is said so and restores nothing: the current data stay, the core keeps working', async () => {
    const c = core();
    const backup = await backedUp(c);
    c.services.demoSeed.seed(45, 3);
    fs.appendFileSync(path.join(backup.path, 'pic.sqlite'), 'x');

    const listed = await value<Listed>(c, 'backup.list');
    expect(listed.backups[0]).toMatchObject({ name: backup.name, problem: { code: 'backup-damaged', message: expect.stringMatching(/danneggiata/) } });
    expect(await value(c, 'backup.inspect', { name: backup.name })).toMatchObject({ problem: { code: 'backup-damaged' } });
    expect(await call(c, 'backup.restore', { name: backup.name, confirm: true })).toMatchObject({ ok: false, error: { code: 'backup-damaged' } });

    expect(await value(c, 'app.info')).toMatchObject({ patientCount: 45 });
    expect(c.services.demoSeed.seed(46, 3).created).toBe(1);
    expect(restoredOrReplacedDirs(c)).toEqual([]);
  });

  it('a restore that fails once the backup is copied beside the archive (another kind of archive) leaves it as it was', async () => {
    const clinic = core('clinic', 0);
    const keyId = fs.readFileSync(path.join(clinic.dataDir, KEY_ID_FILE), 'utf8');
    const folder = tempDir();
    await backedUp(clinic, folder);
    // A demo's backup in the studio's folder, whose key is on this PC: checked whole, refused by kind.
    const demo = core();
    const demoBackup = await backedUp(demo);
    fs.cpSync(demoBackup.path, path.join(folder, demoBackup.name), { recursive: true });
    expect((await value<Listed>(clinic, 'backup.list')).backups.find((b) => b.name === demoBackup.name)).toMatchObject({ patients: 40, problem: null });
    expect(await value(clinic, 'backup.inspect', { name: demoBackup.name })).toMatchObject({ keyMatches: false, problem: null });

    expect(await call(clinic, 'backup.restore', { name: demoBackup.name, confirm: true })).toMatchObject({ ok: false, error: { code: 'backup-other-kind', message: expect.stringMatching(/dimostrativo/) } });
    expect(await value(clinic, 'app.info')).toMatchObject({ mode: 'clinic', patientCount: 0 });
    expect(restoredOrReplacedDirs(clinic)).toEqual([]);
    expect(fs.readFileSync(path.join(clinic.dataDir, KEY_ID_FILE), 'utf8')).toBe(keyId);
  });

  it('a restored archive that does not open (its migration fails) is undone: the replaced one goes back in place', async () => {
    const c = core();
    const backup = await backedUp(c);
    c.services.demoSeed.seed(45, 3);
    // A backup that checks whole but whose migrations would run again, and fail, once restored.
    const db = new Database(path.join(backup.path, 'pic.sqlite'));
    applyKey(db, c.store.database.key);
    db.pragma('user_version = 1');
    db.close();
    const manifestFile = path.join(backup.path, 'manifest.json');
    const sha256 = createHash('sha256').update(fs.readFileSync(path.join(backup.path, 'pic.sqlite'))).digest('hex');
    fs.writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifestFile, 'utf8')), schemaVersion: 1, sha256 }));
    expect(await value(c, 'backup.inspect', { name: backup.name })).toMatchObject({ problem: null });

    expect(await call(c, 'backup.restore', { name: backup.name, confirm: true })).toMatchObject({ ok: false, error: { code: 'restore-failed', message: expect.stringMatching(/rimessi al loro posto/) } });
    expect(await value(c, 'app.info')).toMatchObject({ patientCount: 45 });
    expect(restoredOrReplacedDirs(c).filter((n) => /^(replaced|restoring|failed-restore)-/.test(n))).toEqual([]);
  });

  it("a backup of another archive (the old PC's) restores with its key, and without it says where the key goes", async () => {
    const old = core('demo', 40);
    const folder = tempDir();
    const backup = await backedUp(old, folder);
    const oldKeyId = fs.readFileSync(path.join(old.dataDir, KEY_ID_FILE), 'utf8').trim();
    const keyFile = path.join(defaultKeyDir(), `${oldKeyId}.key`);
    const fresh = core('demo', 0);
    await value(fresh, 'backup.setFolder', { folder });

    const kept = fs.readFileSync(keyFile);
    fs.rmSync(keyFile);
    try {
      const contents = await value<{ keyMatches: boolean; problem: { code: string; message: string } }>(fresh, 'backup.inspect', { name: backup.name });
      expect(contents).toMatchObject({ keyMatches: false, problem: { code: 'backup-key-missing' } });
      expect(contents.problem.message).toContain(`${oldKeyId}.key`);
      expect(contents.problem.message).toContain(defaultKeyDir());
      expect(await call(fresh, 'backup.restore', { name: backup.name, confirm: true })).toMatchObject({ ok: false, error: { code: 'backup-key-missing' } });
    } finally {
      fs.writeFileSync(keyFile, kept, { mode: 0o600 });
    }

    expect(await call(fresh, 'backup.restore', { name: backup.name, confirm: true })).toMatchObject({ ok: true });
    expect(await value(fresh, 'app.info')).toMatchObject({ patientCount: 40 });
    expect(fs.readFileSync(path.join(fresh.dataDir, KEY_ID_FILE), 'utf8').trim()).toBe(oldKeyId);
  });

  it('is refused while an import runs, and to anyone but the MMG; a backup is named, never given by path', async () => {
    const c = core();
    const backup = await backedUp(c);
    c.services.demoSeed.seed(45, 3);

    expect(await call(c, 'backup.restore', { name: backup.name, confirm: true }, SECRETARY)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(c, 'backup.inspect', { name: backup.name }, SECRETARY)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(c, 'backup.restore', { name: backup.name, confirm: true }, null)).toMatchObject({ ok: false, error: { code: 'not-logged-in' } });
    expect(await call(c, 'backup.restore', { name: backup.path, confirm: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call(c, 'backup.restore', { name: backup.name })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call(c, 'backup.restore', { name: 'pic-backup-2020-01-01T00-00-00-000Z', confirm: true })).toMatchObject({ ok: false, error: { code: 'backup-not-found' } });

    const chosen = await c.importer.files.pick(fixture('ats-list-1252.csv'));
    const job = await c.importer.start('ats-list', { file: chosen.file }, { dryRun: true, operatorCf: null }, 'page');
    expect(await call(c, 'backup.restore', { name: backup.name, confirm: true })).toMatchObject({ ok: false, error: { code: 'restore-busy', message: expect.stringMatching(/importazione è in corso/i) } });
    expect((await c.importer.jobs.status(job.job, 10_000)).report).not.toBeNull();

    expect(c.services.patients.count()).toBe(45);
    expect(await call(c, 'backup.restore', { name: backup.name, confirm: true })).toMatchObject({ ok: true });
    expect(c.services.patients.count()).toBe(40);
  });
});
