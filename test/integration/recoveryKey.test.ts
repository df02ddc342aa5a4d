import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../main/api/context';
import { Core } from '../../main/core';
import { configureLogging } from '../../main/log';
import { fileKeyStore, KEY_ID_FILE } from '../../main/store/keys';
import { pic } from '../support/cli';
import { callAsPage, valueAsPage } from '../support/pageCalls';
import { tempDir } from '../support/tempDir';

/** The studio PC's disk dies: the backups on the USB disk open on a new PC only with the recovery key saved apart. */

const MMG: CallContext['operator'] = { codiceFiscale: 'BNCGLI75A41F205I', name: 'BIANCHI GIULIA', role: 'mmg' };
const SECRETARY: CallContext['operator'] = { codiceFiscale: 'VRDPLA88R61G388Z', name: 'VERDI PAOLA', role: 'segretaria' };

const opened: Core[] = [];
let minute = 0;
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
  minute = 0;
});

/** A PC of its own: an archive in a new data folder, its key in a key folder nobody else uses. */
function pc(patients: number): { core: Core; keyDir: string } {
  const keyDir = tempDir('pic-keys-');
  const at = new Date(Date.parse('2026-11-23T09:00:00Z') + minute++ * 60_000);
  const core = new Core({ dataDir: tempDir(), createAs: 'demo', clock: { now: () => at }, keys: fileKeyStore(keyDir) });
  opened.push(core);
  if (patients > 0) core.services.demoSeed.seed(patients, 3);
  return { core, keyDir };
}

const call = (c: Core, name: string, input: unknown = {}, operator: CallContext['operator'] = MMG) => callAsPage(c, name, input, operator);
const value = <T>(c: Core, name: string, input: unknown = {}) => valueAsPage<T>(c, name, input, MMG);

const audited = (c: Core, action: string) =>
  c.store.database.sqlite.prepare('SELECT operator_cf AS operatorCf, entity_id AS keyId, detail FROM audit_log WHERE action = ? ORDER BY id').all(action) as { operatorCf: string; keyId: string; detail: string }[];

const keyIdOf = (dataDir: string) => fs.readFileSync(path.join(dataDir, KEY_ID_FILE), 'utf8').trim();
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** The old PC: 40 patients backed up to a USB disk, its key downloaded from Impostazioni; the disk then dies. */
async function oldPc(): Promise<{ folder: string; backup: string; keyFile: string; keyId: string }> {
  const { core, keyDir } = pc(40);
  const folder = tempDir('pic-usb-');
  await value(core, 'backup.setFolder', { folder });
  const { backup } = await value<{ backup: { name: string } }>(core, 'backup.run');
  const key = await value<{ keyId: string; fileName: string; text: string }>(core, 'keys.export', { as: 'download' });
  const keyId = keyIdOf(core.dataDir);
  expect(key).toEqual({ keyId, fileName: `${keyId}.key`, text: fs.readFileSync(path.join(keyDir, `${keyId}.key`), 'utf8') });
  const keyFile = path.join(tempDir('pic-key-stick-'), key.fileName);
  fs.writeFileSync(keyFile, key.text);
  return { folder, backup: backup.name, keyFile, keyId };
}

describe('the recovery key, from the page', () => {
  it('saved on the old PC and loaded on a new one (a fresh key folder), it opens the backup, which then restores', async () => {
    const old = await oldPc();
    const fresh = pc(0);
    await value(fresh.core, 'backup.setFolder', { folder: old.folder });
    expect((await value<{ problem: { code: string } | null }>(fresh.core, 'backup.inspect', { name: old.backup })).problem).toMatchObject({ code: 'backup-key-missing' });

    const chosen = await fresh.core.importer.files.pick(old.keyFile);
    expect(await value(fresh.core, 'keys.loadForBackup', { name: old.backup, file: chosen.file })).toEqual({ keyId: old.keyId, stored: true });
    const stored = path.join(fresh.keyDir, `${old.keyId}.key`);
    expect(fs.readFileSync(stored, 'utf8')).toBe(fs.readFileSync(old.keyFile, 'utf8'));
    expect(mode(stored)).toBe(0o600);
    expect(audited(fresh.core, 'key.import')).toEqual([{ operatorCf: MMG!.codiceFiscale, keyId: old.keyId, detail: JSON.stringify({ backup: old.backup, stored: true }) }]);
    // The handle was spent on the key: it names no file any more.
    expect(() => fresh.core.importer.files.open(chosen.file)).toThrow(expect.objectContaining({ code: 'file-not-chosen' }));

    expect(await value(fresh.core, 'backup.inspect', { name: old.backup })).toMatchObject({ problem: null, patients: 40 });
    expect(await call(fresh.core, 'backup.restore', { name: old.backup, confirm: true })).toMatchObject({ ok: true });
    expect(await value(fresh.core, 'app.info')).toMatchObject({ patientCount: 40 });
  });

  it('a key that does not open the backup is refused in Italian and stores nothing; neither does a file that is no key', async () => {
    const old = await oldPc();
    const fresh = pc(0);
    await value(fresh.core, 'backup.setFolder', { folder: old.folder });
    const before = fs.readdirSync(fresh.keyDir);
    // The new PC's own key, uploaded from the page: another archive's.
    const own = await value<{ fileName: string; text: string }>(fresh.core, 'keys.export', { as: 'download' });
    const upload = await fresh.core.importer.files.receive(Readable.from([Buffer.from(own.text)]), own.fileName, { maxBytes: 1_000_000 });

    const wrong = await call(fresh.core, 'keys.loadForBackup', { name: old.backup, file: upload.file });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'recovery-key-wrong', message: expect.stringMatching(new RegExp(`^Questa chiave non apre questa copia di sicurezza: è la chiave di un altro archivio\\. Serve la chiave con identificativo ${old.keyId} .*Nessuna chiave è stata salvata\\.$`)) },
    });
    expect(fs.readdirSync(fresh.keyDir)).toEqual(before);
    expect(audited(fresh.core, 'key.import')).toEqual([]);
    // The uploaded copy of a key does not stay in the data folder.
    await expect.poll(() => fs.readdirSync(fresh.core.importer.files.uploads)).toEqual([]);

    const notAKey = path.join(tempDir(), 'appunti.key');
    fs.writeFileSync(notAKey, 'la chiave è nel cassetto\n');
    const chosen = await fresh.core.importer.files.pick(notAKey);
    expect(await call(fresh.core, 'keys.loadForBackup', { name: old.backup, file: chosen.file })).toMatchObject({
      ok: false,
      error: { code: 'recovery-key-invalid', message: expect.stringMatching(/«appunti\.key» non è una chiave di ripristino/) },
    });
    expect(fs.readdirSync(fresh.keyDir)).toEqual(before);
    expect(await value(fresh.core, 'backup.inspect', { name: old.backup })).toMatchObject({ problem: { code: 'backup-key-missing' } });
  });

  it('only the MMG may take the key out or load one: the secretary is refused and nothing is recorded', async () => {
    const old = await oldPc();
    const fresh = pc(0);
    await value(fresh.core, 'backup.setFolder', { folder: old.folder });
    const chosen = await fresh.core.importer.files.pick(old.keyFile);
    expect(await call(fresh.core, 'keys.export', { as: 'paper' }, SECRETARY)).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Operazione riservata a: Medico di medicina generale.' } });
    expect(await call(fresh.core, 'keys.loadForBackup', { name: old.backup, file: chosen.file }, SECRETARY)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(fresh.core, 'keys.export', { as: 'paper' }, null)).toMatchObject({ ok: false, error: { code: 'not-logged-in' } });
    expect(audited(fresh.core, 'key.export')).toEqual([]);
    expect(fs.existsSync(path.join(fresh.keyDir, `${old.keyId}.key`))).toBe(false);
  });

  it('each time the key is handed out, the audit log says who and how; the application log never holds it', async () => {
    const { core, keyDir } = pc(0);
    const keyId = keyIdOf(core.dataDir);
    const logFile = path.join(tempDir(), 'pic-studio.log');
    configureLogging({ file: logFile });
    let paper: { text: string };
    const file = path.join(tempDir('pic-key-stick-'), `${keyId}.key`);
    try {
      paper = await value<{ text: string }>(core, 'keys.export', { as: 'paper' });
      expect(core.services.recoveryKey.saveTo(file, MMG!.codiceFiscale, { replace: false })).toEqual({ keyId, path: file });
    } finally {
      configureLogging({ file: null });
    }
    expect(paper.text).toMatch(/^[0-9a-f]{64}\n$/);
    const logged = fs.readFileSync(logFile, 'utf8');
    expect(logged).toContain('recovery key exported');
    expect(logged).not.toContain(paper.text.trim());
    expect(fs.readFileSync(file, 'utf8')).toBe(fs.readFileSync(path.join(keyDir, `${keyId}.key`), 'utf8'));
    expect(mode(file)).toBe(0o600);
    expect(audited(core, 'key.export')).toEqual([
      { operatorCf: MMG!.codiceFiscale, keyId, detail: JSON.stringify({ way: 'paper' }) },
      { operatorCf: MMG!.codiceFiscale, keyId, detail: JSON.stringify({ way: 'file', file }) },
    ]);
  });
});

describe('pic key export / pic key import', () => {
  const run = (keyDir: string, args: string[]) => pic([...args, '--json'], { env: { PIC_KEY_DIR: keyDir } });

  it('exports the key (0600, never over a file), and on a new PC the imported key restores the backup', () => {
    const oldKeys = tempDir('pic-keys-');
    const dataDir = tempDir();
    const usb = tempDir('pic-usb-');
    expect(run(oldKeys, ['demo', 'seed', '--patients', '12', '--data-dir', dataDir]).status).toBe(0);
    const backup = (run(oldKeys, ['backup', '--to', usb, '--data-dir', dataDir]).json() as { path: string }).path;
    const keyFile = path.join(tempDir('pic-key-stick-'), 'studio.key');
    const exported = run(oldKeys, ['key', 'export', '--to', keyFile, '--data-dir', dataDir]);
    expect(exported.status).toBe(0);
    const keyId = keyIdOf(dataDir);
    expect(exported.json()).toEqual({ keyId, path: keyFile });
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(fs.readFileSync(path.join(oldKeys, `${keyId}.key`), 'utf8'));
    expect(mode(keyFile)).toBe(0o600);
    const again = run(oldKeys, ['key', 'export', '--to', keyFile, '--data-dir', dataDir]);
    expect(again.status).toBe(1);
    expect(again.json()).toMatchObject({ error: 'recovery-key-not-saved' });

    // The new PC: another key folder, another data folder.
    const newKeys = tempDir('pic-keys-');
    const newData = tempDir();
    expect(run(newKeys, ['restore', backup, '--yes', '--data-dir', newData]).json()).toMatchObject({ error: 'backup-key-missing' });
    const wrongKey = path.join(tempDir(), 'altra.key');
    fs.writeFileSync(wrongKey, `${'ab'.repeat(32)}\n`);
    const wrong = run(newKeys, ['key', 'import', wrongKey, '--backup', backup]);
    expect(wrong.status).toBe(1);
    expect(wrong.json()).toMatchObject({ error: 'recovery-key-wrong', message: expect.stringContaining(`needs the key ${keyId}`) });
    expect(fs.readdirSync(newKeys)).toEqual([]);

    const imported = run(newKeys, ['key', 'import', keyFile, '--backup', backup]);
    expect(imported.json()).toEqual({ keyId, stored: true, keyFolder: newKeys });
    expect(mode(path.join(newKeys, `${keyId}.key`))).toBe(0o600);
    expect(run(newKeys, ['key', 'import', keyFile, '--backup', backup]).json()).toEqual({ keyId, stored: false, keyFolder: newKeys });
    expect(run(newKeys, ['restore', backup, '--yes', '--data-dir', newData]).json()).toMatchObject({ restored: true, patients: 12 });
    expect(run(newKeys, ['patients', 'find', 'ros', '--data-dir', newData]).status).toBe(0);

    // The export is in the old archive's audit log, under the OS user who ran it.
    const core = new Core({ dataDir, keys: fileKeyStore(oldKeys) });
    opened.push(core);
    expect(audited(core, 'key.export')).toEqual([{ operatorCf: expect.stringMatching(/^os:/), keyId, detail: JSON.stringify({ way: 'file', file: keyFile }) }]);
  });

  it("without --backup, checks the key against the data folder's archive (a folder copied from the old PC)", () => {
    const oldKeys = tempDir('pic-keys-');
    const dataDir = tempDir();
    expect(run(oldKeys, ['demo', 'seed', '--patients', '3', '--data-dir', dataDir]).status).toBe(0);
    const keyFile = path.join(tempDir('pic-key-stick-'), 'studio.key');
    expect(run(oldKeys, ['key', 'export', '--to', keyFile, '--data-dir', dataDir]).status).toBe(0);
    const copy = path.join(tempDir(), 'copia');
    fs.cpSync(dataDir, copy, { recursive: true });

    const newKeys = tempDir('pic-keys-');
    expect(run(newKeys, ['patients', 'find', 'ros', '--data-dir', copy]).json()).toMatchObject({ error: 'key-missing' });
    expect(run(newKeys, ['key', 'import', keyFile, '--data-dir', tempDir()]).json()).toMatchObject({ error: 'recovery-key-no-target', message: expect.stringContaining('--backup DIR') });
    expect(run(newKeys, ['key', 'import', keyFile, '--data-dir', copy]).json()).toMatchObject({ stored: true });
    expect(run(newKeys, ['patients', 'find', 'ros', '--data-dir', copy]).status).toBe(0);
  });
});
