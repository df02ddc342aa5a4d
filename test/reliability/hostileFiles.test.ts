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

async function importFile(file: string, adapter = 'ats-list'): Promise<{ report: ImportReport; status: string | undefined }> {
  const e = engine();
  const report = await settled(e.run(adapter, { path: file }, { dryRun: false, operatorCf: MMG }), 5_000);
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
