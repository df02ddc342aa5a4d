import fs from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../../test/doubles/importFiles';
import { tempDir } from '../../test/support/tempDir';
import { EventHub } from '../events';
import { Store } from '../store/store';
import { ImportService } from './importService';

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

function service() {
  const dir = tempDir();
  store = Store.open(dir, clock);
  return new ImportService(store, new EventHub(), clock, dir);
}

const upload = (importer: ImportService, file: string, name: string) =>
  importer.files.receive(Readable.from([fs.readFileSync(file)]), name, { maxBytes: 10 * 1024 * 1024 });

async function finished(importer: ImportService, job: number) {
  const view = await importer.jobs.status(job, 10_000);
  expect(view.report).not.toBeNull();
  return view.report!;
}

describe('importing a chosen file by its handle', () => {
  it('previews, reads the headers and imports the file behind the handle, naming it in the run record', async () => {
    const importer = service();
    const chosen = await upload(importer, fixture('ats-list-1252.csv'), 'lista_ats.csv');
    const preview = await importer.preview('ats-list', { file: chosen.file }, 5, 'page');
    expect(preview.match).toBe(true);
    expect(preview.items.length).toBeGreaterThan(0);
    expect((await importer.fileHeaders(chosen.file)).headers).toContain('Codice Fiscale');
    const job = await importer.start('ats-list', { file: chosen.file }, { dryRun: false, operatorCf: null }, 'page');
    const report = await finished(importer, job.job);
    expect(report.status).toBe('done');
    expect(report.created).toBeGreaterThan(0);
    expect(importer.engine.runs()[0]?.source).toBe('lista_ats.csv');
  });

  it('a dry run leaves the file for the import; the import spends it and removes the upload', async () => {
    const importer = service();
    const chosen = await upload(importer, fixture('ats-list-1252.csv'), 'lista_ats.csv');
    const lease = importer.files.open(chosen.file);
    const copy = lease.path;
    lease.done();
    const trial = await importer.start('ats-list', { file: chosen.file }, { dryRun: true, operatorCf: null }, 'page');
    expect((await finished(importer, trial.job)).status).toBe('done');
    const job = await importer.start('ats-list', { file: chosen.file }, { dryRun: false, operatorCf: null }, 'page');
    expect((await finished(importer, job.job)).status).toBe('done');
    await expect(importer.preview('ats-list', { file: chosen.file }, 5, 'page')).rejects.toMatchObject({ code: 'file-not-chosen' });
    for (let i = 0; i < 100 && fs.existsSync(copy); i++) await new Promise((r) => setTimeout(r, 10));
    expect(fs.existsSync(copy)).toBe(false);
  });

  it('a failed import spends the file too, and one that cannot start keeps it', async () => {
    const importer = service();
    const chosen = await upload(importer, fixture('missing-cf-column.csv'), 'senza_cf.csv');
    await expect(importer.start('no-such-adapter', { file: chosen.file }, { dryRun: false, operatorCf: null }, 'page')).rejects.toMatchObject({ code: 'unknown-adapter' });
    const job = await importer.start('ats-list', { file: chosen.file }, { dryRun: false, operatorCf: null }, 'page');
    expect((await finished(importer, job.job)).status).toBe('failed');
    await expect(importer.fileHeaders(chosen.file)).rejects.toMatchObject({ code: 'file-not-chosen' });
  });

  it('takes a path only from the command line', async () => {
    const importer = service();
    await expect(importer.preview('ats-list', { path: fixture('ats-list-1252.csv') }, 5, 'page')).rejects.toMatchObject({ code: 'path-not-allowed' });
    await expect(importer.start('ats-list', { path: fixture('ats-list-1252.csv') }, { dryRun: true, operatorCf: null }, 'page')).rejects.toMatchObject({ code: 'path-not-allowed' });
    expect((await importer.preview('ats-list', { path: fixture('ats-list-1252.csv') }, 5, 'cli')).match).toBe(true);
  });

  it('refuses options that name both a chosen file and a path', async () => {
    const importer = service();
    const chosen = await upload(importer, fixture('ats-list-1252.csv'), 'lista_ats.csv');
    await expect(importer.preview('ats-list', { file: chosen.file, path: fixture('ats-list-1252.csv') }, 5, 'cli')).rejects.toMatchObject({ code: 'invalid-options' });
  });
});
