import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atsListAdapter } from './atsList';
import { context } from '../../../test/doubles/importFiles';

/**
 * Memory stays bounded however large the file: a ~200 MB ATS list (Windows-1252, with quoted
 * fields) is read whole through the adapter while the heap is sampled. Loading the file would
 * take 200 MB as bytes and twice that as text; streaming keeps the live heap growth to a few MB.
 */
const TARGET_BYTES = 200 * 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-big-'));
const file = path.join(dir, 'lista-grande.csv');
let rows = 0;

beforeAll(() => {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, Buffer.from('Codice fiscale;Cognome;Nome;Data di nascita;Sesso;Livello;Patologie;Tipo lettera;Data lettera;Note\r\n', 'latin1'));
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const n = rows + i;
      lines.push(`PREGSI50C07G388A;PER\u00d9;GIOSU\u00c8 ${n};07/03/1950;M;${(n % 3) + 1};"56;50";${(n % 5) + 1};16/04/2018;"nota ${n}, con ""virgolette"" e;punto e virgola"\r\n`);
    }
    const block = Buffer.from(lines.join(''), 'latin1');
    let written = 0;
    while (written < TARGET_BYTES) {
      fs.writeSync(fd, block);
      written += block.length;
      rows += 10_000;
    }
  } finally {
    fs.closeSync(fd);
  }
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('streaming a 200 MB file', () => {
  it('keeps the heap small while every row is read', async () => {
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThanOrEqual(TARGET_BYTES);
    // A full collection before each sample, so that only live memory is measured.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let patients = 0;
    let lastRow = 0;
    const ctx = context();
    for await (const item of atsListAdapter.read({ path: file }, ctx)) {
      if (item.kind !== 'patient') throw new Error(`unexpected reject: ${item.kind === 'reject' ? item.reason : ''}`);
      patients++;
      lastRow = item.row as number;
      if (patients % 100_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(patients).toBe(rows);
    expect(lastRow).toBe(rows + 1);
    expect(ctx.sizes.at(-1)).toEqual([size, size]);
    const growthMb = (peak - baseline) / 1024 / 1024;
    // Generous (a few MB are expected); reading the file whole would be over 400 MB.
    expect(growthMb).toBeLessThan(50);
  }, 120_000);
});
