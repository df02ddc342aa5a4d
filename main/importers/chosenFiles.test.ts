import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { ChosenFiles, safeFileName, STALE_UPLOAD_MS, UPLOADS_FOLDER } from './chosenFiles';

const MB = 1024 * 1024;

/** A request body that sends `chunks`, then fails like a connection cut before the end when `cut`. */
function body(chunks: Buffer[], cut = false): Readable {
  const stream = new Readable({ read() {} });
  for (const c of chunks) stream.push(c);
  if (cut) setImmediate(() => stream.destroy());
  else stream.push(null);
  return stream;
}

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;
const uploadsIn = (dataDir: string) => (fs.existsSync(path.join(dataDir, UPLOADS_FOLDER)) ? fs.readdirSync(path.join(dataDir, UPLOADS_FOLDER)) : []);
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  return check();
};

describe('files picked where they are', () => {
  it('gives a handle for the file, its name and size, never its path', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'lista ATS.csv');
    fs.writeFileSync(file, 'Codice fiscale\n');
    const files = new ChosenFiles(tempDir());
    const chosen = await files.pick(file);
    expect(chosen).toEqual({ file: expect.stringMatching(/^file_[0-9a-f]{32}$/), name: 'lista ATS.csv', size: 15 });
    const lease = files.open(chosen.file);
    expect(lease).toMatchObject({ path: file, source: file });
    lease.done();
    expect(files.release(chosen.file)).toBe(true);
    // Only an upload's copy is removed: the user's own file stays.
    expect(fs.existsSync(file)).toBe(true);
    expect(() => files.open(chosen.file)).toThrow(expect.objectContaining({ code: 'file-not-chosen' }));
  });

  it('refuses a folder and a missing file in Italian', async () => {
    const files = new ChosenFiles(tempDir());
    const dir = tempDir();
    await expect(files.pick(dir)).rejects.toMatchObject({ code: 'not-a-file' });
    await expect(files.pick(path.join(dir, 'non-esiste.csv'))).rejects.toMatchObject({ code: 'file-not-found', userMessage: expect.stringMatching(/non esiste/) });
  });

  it('knows no handle it did not give', () => {
    const files = new ChosenFiles(tempDir());
    expect(() => files.open('file_0123456789abcdef0123456789abcdef')).toThrow(expect.objectContaining({ code: 'file-not-chosen', userMessage: expect.stringMatching(/sceglierlo di nuovo/) }));
    expect(files.release('file_0123456789abcdef0123456789abcdef')).toBe(false);
  });
});

describe('uploads', () => {
  it('are streamed into their own owner-only folder of <data>/uploads, under the name the user knows', async () => {
    const dataDir = tempDir();
    const files = new ChosenFiles(dataDir);
    const chunks = [Buffer.from('Codice fiscale;Cognome\n'), Buffer.from('RSSMRA58D12G388C;ROSSI\n')];
    const chosen = await files.receive(body(chunks), 'C:\\Dati\\lista_ats.csv', { maxBytes: MB, expectedBytes: 46 });
    expect(chosen).toMatchObject({ name: 'lista_ats.csv', size: 46 });
    const lease = files.open(chosen.file);
    expect(path.dirname(path.dirname(lease.path))).toBe(path.join(dataDir, UPLOADS_FOLDER));
    expect(path.basename(lease.path)).toBe('lista_ats.csv');
    expect(lease.source).toBe('lista_ats.csv');
    expect(fs.readFileSync(lease.path, 'utf8')).toBe(Buffer.concat(chunks).toString());
    expect(modeOf(lease.path)).toBe(0o600);
    expect(modeOf(path.dirname(lease.path))).toBe(0o700);
    expect(modeOf(path.join(dataDir, UPLOADS_FOLDER))).toBe(0o700);
    lease.done();
  });

  it('refuses a file over the limit, announced or as it arrives, and keeps nothing of it', async () => {
    const dataDir = tempDir();
    const files = new ChosenFiles(dataDir);
    await expect(files.receive(body([Buffer.alloc(10)]), 'a.csv', { maxBytes: 5, expectedBytes: 10 })).rejects.toMatchObject({ code: 'upload-too-large' });
    await expect(files.receive(body([Buffer.alloc(4), Buffer.alloc(4)]), 'a.csv', { maxBytes: 5 })).rejects.toMatchObject({
      code: 'upload-too-large',
      userMessage: expect.stringMatching(/troppo grande/),
    });
    expect(uploadsIn(dataDir)).toEqual([]);
  });

  it('keeps nothing of an upload cut short', async () => {
    const dataDir = tempDir();
    const files = new ChosenFiles(dataDir);
    await expect(files.receive(body([Buffer.alloc(100)], true), 'a.csv', { maxBytes: MB })).rejects.toMatchObject({ code: 'upload-interrupted' });
    await expect(files.receive(body([Buffer.alloc(100)]), 'a.csv', { maxBytes: MB, expectedBytes: 200 })).rejects.toMatchObject({
      code: 'upload-interrupted',
      userMessage: expect.stringMatching(/interrotto/),
    });
    expect(uploadsIn(dataDir)).toEqual([]);
  });

  it('removes the copy when released, but only once the last reader is done', async () => {
    const dataDir = tempDir();
    const files = new ChosenFiles(dataDir);
    const chosen = await files.receive(body([Buffer.from('x')]), 'a.csv', { maxBytes: MB });
    const lease = files.open(chosen.file);
    expect(files.release(chosen.file)).toBe(true);
    expect(() => files.open(chosen.file)).toThrow(expect.objectContaining({ code: 'file-not-chosen' }));
    expect(fs.existsSync(lease.path)).toBe(true);
    lease.done();
    lease.done();
    expect(await until(() => uploadsIn(dataDir).length === 0)).toBe(true);
  });

  it('removes its own uploads on close, and the stale ones another process left', async () => {
    const dataDir = tempDir();
    const earlier = new ChosenFiles(dataDir);
    await earlier.receive(body([Buffer.from('x')]), 'vecchio.csv', { maxBytes: MB });
    const [left] = uploadsIn(dataDir);
    // Aged by the file system's own time (the test's clock may be moved, the disk's is not).
    const leftFolder = path.join(dataDir, UPLOADS_FOLDER, left!);
    const old = new Date(fs.statSync(leftFolder).mtimeMs - STALE_UPLOAD_MS - 60_000);
    fs.utimesSync(leftFolder, old, old);

    const running = new ChosenFiles(dataDir);
    const fresh = await running.receive(body([Buffer.from('y')]), 'nuovo.csv', { maxBytes: MB });
    new ChosenFiles(dataDir).removeStale();
    expect(uploadsIn(dataDir)).toHaveLength(1);
    const lease = running.open(fresh.file);
    expect(fs.existsSync(lease.path)).toBe(true);
    running.close();
    expect(uploadsIn(dataDir)).toEqual([]);
  });
});

describe('the name an upload is kept under', () => {
  it('drops folders and characters file systems refuse, keeps the extension', () => {
    expect(safeFileName('C:\\Dati\\lista ATS 2026.xlsx')).toBe('lista ATS 2026.xlsx');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('a<b>:c"d|e?f*.csv')).toBe('a_b__c_d_e_f_.csv');
    expect(safeFileName('riga\nnuova.csv')).toBe('riga_nuova.csv');
    expect(safeFileName(`${'x'.repeat(300)}.csv`)).toMatch(/^x{116}\.csv$/);
    expect(safeFileName('')).toBe('file');
  });
});
