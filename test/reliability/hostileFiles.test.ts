import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../main/events';
import { ImportEngine } from '../../main/importers/engine';
import { FILE_ADAPTERS } from '../../main/importers/files';
import { AdapterRegistry } from '../../main/importers/registry';
import { Store } from '../../main/store/store';
import type { ImportReport } from '../../shared/contract/import';
import { fixture } from '../doubles/importFiles';
import { CLI } from '../support/cli';
import { tempDir } from '../support/tempDir';

/**
 * Files made to hurt the importers: cut short, corrupted, built to exhaust memory, mixing
 * encodings. Each import ends, with an Italian reason or per-row warnings, and the process lives on.
 */

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };
const MMG = 'BNCGLI75A41F205I';

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

function engine(): ImportEngine {
  const dir = tempDir();
  store = Store.open(dir, clock);
  return new ImportEngine(store, new AdapterRegistry(FILE_ADAPTERS as never[]), new EventHub(), clock, dir);
}

/** Fails the test instead of waiting forever: a hung import never settles. */
function settled<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function importFile(file: string, adapter = 'ats-list', ms = 5_000): Promise<{ report: ImportReport; status: string | undefined }> {
  const e = engine();
  const report = await settled(e.run(adapter, { path: file }, { dryRun: false, operatorCf: MMG }), ms);
  return { report, status: e.runs().find((r) => r.id === report.runId)?.status };
}

function writeFile(name: string, data: string | Uint8Array): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, data);
  return file;
}

describe('a truncated or corrupted XLSX', () => {
  const original = fs.readFileSync(fixture('ats-list.xlsx'));

  it.each([
    ['in the first part', 300],
    ['in the first worksheet', 1500],
    ['in the shared strings', 2700],
    ['after the worksheets', 6000],
    ['just before the central directory', 7000],
    ['without the end-of-central-directory record', original.length - 22],
    ['one byte short', original.length - 1],
  ])('fails the run as damaged when cut %s', async (_, size) => {
    const { report, status } = await importFile(writeFile('lista.xlsx', original.subarray(0, size)));
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('file-damaged');
    expect(report.error?.message).toContain('Il file Excel "lista.xlsx" è danneggiato o incompleto');
    expect(status).toBe('failed');
  });

  it('fails a large workbook cut in the middle of its worksheet instead of hanging', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pazienti');
    for (let i = 1; i <= 15_000; i++) ws.getRow(i).values = ['RSSMRA58D12G388C', `COGNOME ${i}`, `NOME ${i % 1000}`, new Date(Date.UTC(1950, 0, 1 + (i % 3000))), (i % 3) + 1];
    const whole = path.join(tempDir(), 'intera.xlsx');
    await wb.xlsx.writeFile(whole);
    const bytes = fs.readFileSync(whole);
    for (const fraction of [0.65, 0.75]) {
      const { report, status } = await importFile(writeFile('grande.xlsx', bytes.subarray(0, Math.floor(bytes.length * fraction))));
      expect(report.error?.code).toBe('file-damaged');
      expect(status).toBe('failed');
    }
  });

  it('fails a whole-looking file whose compressed data is corrupt', async () => {
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/workbook.xml']) {
      const bytes = Buffer.from(original);
      const header = bytes.indexOf(part) - 30;
      const data = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
      // 0xff opens a deflate block of the reserved type: inflating fails at once.
      bytes.fill(0xff, data, data + 4);
      const { report, status } = await importFile(writeFile('corrotto.xlsx', bytes));
      expect(report.error?.code).toBe('file-damaged');
      expect(status).toBe('failed');
    }
  });
});

/** A Bundle whose "entry" is `body`: what a bundle looks like to the adapter's first checks. */
const bundleAround = (body: string) => `{"resourceType":"Bundle","type":"collection","entry":${body}}`;
const nested = (depth: number) => bundleAround('['.repeat(depth) + ']'.repeat(depth));
/** Empty objects: the most heap JSON.parse builds per byte of file (about 20 times). */
const emptyObjects = (n: number) => bundleAround(`[${'{},'.repeat(n - 1)}{}]`);

describe('a FHIR bundle built to exhaust memory', () => {
  it('refuses 50 MB of nested arrays at once, before parsing them', async () => {
    const file = writeFile('annidato.json', nested(25_000_000));
    const started = performance.now();
    const { report, status } = await importFile(file, 'fhir-bundle', 10_000);
    expect(report.error?.code).toBe('json-too-deep');
    expect(report.error?.message).toContain('Il file "annidato.json"');
    expect(status).toBe('failed');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('refuses millions of empty objects, before parsing them', async () => {
    const { report, status } = await importFile(writeFile('piatto.json', emptyObjects(4_500_000)), 'fhir-bundle', 10_000);
    expect(report.error?.code).toBe('json-too-many-values');
    expect(status).toBe('failed');
  });

  // The process that imports has a small heap here, so that what would exhaust the app's own
  // (a file near the old 200 MB limit) does it with a file of a few MB, in seconds.
  it.each([
    ['nested arrays', () => nested(8_000_000), 'json-too-deep'],
    ['empty objects', () => emptyObjects(4_500_000), 'json-too-many-values'],
  ])('leaves the importing process alive, with an Italian reason (%s)', (_, content, code) => {
    const file = writeFile('bundle.json', content());
    const r = spawnSync(process.execPath, ['--max-old-space-size=128', CLI, 'import', 'fhir-bundle', file, '--data-dir', tempDir(), '--json'], {
      encoding: 'utf8',
      env: { ...process.env, PIC_LOG_LEVEL: 'error' },
      timeout: 60_000,
    });
    expect(r.stderr).not.toContain('heap out of memory');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: code, message: expect.stringContaining('Il file "bundle.json"') });
  });
});

describe('a CSV mixing UTF-8 and Windows-1252', () => {
  const header = Buffer.from('Codice fiscale;Cognome;Nome;Livello\r\n', 'latin1');
  const windows1252 = Buffer.from('PREGSI50C07G388A;PER\u00d9;GIOSU\u00c8;3\r\n', 'latin1');
  const utf8 = Buffer.from('DLLNCL90S03F205K;DELL\u2019ACQUA;NICOL\u00d2;2\r\n', 'utf8');
  // The row is its own column in the preview and the report's prefix: the text does not repeat it.
  const mixed = 'Codifica dei caratteri mista (UTF-8 e Windows-1252): controllare accenti e apostrofi.';

  it.each([
    ['Windows-1252 first', [windows1252, utf8], 3],
    ['UTF-8 first', [utf8, windows1252], 3],
  ])('decodes each row by the encoding it is in and warns on the row that differs (%s)', async (_, lines, row) => {
    const file = writeFile('misto.csv', Buffer.concat([header, ...lines]));
    const e = engine();
    const preview = await e.preview('ats-list', { path: file }, 10);
    expect(preview.items.map((i) => [i.row, i.surname, i.givenName, i.warnings])).toEqual(
      lines.map((line, i) => {
        const r = String(i + 2);
        const warnings = i + 2 === row ? [mixed] : [];
        return line === utf8 ? [r, 'DELL\u2019ACQUA', 'NICOL\u00d2', warnings] : [r, 'PER\u00d9', 'GIOSU\u00c8', warnings];
      }),
    );
    const report = await e.run('ats-list', { path: file }, { dryRun: false, operatorCf: MMG });
    expect(report).toMatchObject({ status: 'done', created: 2 });
    expect(report.warnings).toEqual([`${row}: ${mixed}`]);
  });
});
