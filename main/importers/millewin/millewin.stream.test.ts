import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLargeMillewinFixture, type LargeFixtureResult } from '../../../test/fixtures/millewin/fixture';
import { postgresUnavailableReason, startPostgres, type PostgresInstance } from '../../../test/harness/postgres';
import type { ImportItem } from '../adapter';
import { millewinAdapter, type MillewinOptions } from './index';

/**
 * Streaming: 20,000 patients go through while the heap stays about flat, because patients come
 * from a server-side cursor a batch at a time. Kept in its own file (its own worker and cluster)
 * so that other tests do not disturb the heap measure.
 */

const reason = postgresUnavailableReason();
if (reason) console.warn(`[millewin] PostgreSQL streaming test skipped: ${reason}`);

const N = 20_000;

/** A forced GC makes the heap measure meaningful; vitest workers do not expose one. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
}

describe.skipIf(reason)('Millewin adapter streaming', () => {
  let db: PostgresInstance;
  let large: LargeFixtureResult;

  beforeAll(async () => {
    db = await startPostgres();
    large = await loadLargeMillewinFixture(db.url, N);
  }, 120_000);

  afterAll(async () => {
    await db?.stop();
  }, 30_000);

  it(`reads ${N.toLocaleString('en')} patients with a small, flat heap`, async () => {
    const gc = collector();
    const parsed = millewinAdapter.options.safeParse({ url: db.url, doctor: large.doctor });
    if (!parsed.success) throw new Error('bad options');
    const options: MillewinOptions = parsed.data;

    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let problems = 0;
    let therapies = 0;
    let lastSize: [number, number | null] = [0, null];
    const started = Date.now();
    for await (const item of millewinAdapter.read(options, {
      signal: new AbortController().signal,
      dataDir: '/nonexistent',
      today: '2026-06-15',
      reportSize: (read, total) => (lastSize = [read, total]),
    }) as AsyncIterable<ImportItem>) {
      count++;
      if (item.kind === 'patient') {
        problems += item.patient.problems?.length ?? 0;
        therapies += item.patient.therapies?.length ?? 0;
      }
      if (count % 2_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    const ms = Date.now() - started;
    gc();
    const after = process.memoryUsage().heapUsed - baseline;
    console.log(
      `[millewin] ${count} patients, ${problems} problems, ${therapies} therapies in ${ms} ms; heap growth peak ${(peak / 1e6).toFixed(1)} MB, after ${(after / 1e6).toFixed(1)} MB`,
    );

    expect(count).toBe(N);
    expect(lastSize).toEqual([N, N]);
    expect(problems).toBeGreaterThan(0);
    expect(problems).toBeLessThanOrEqual(large.activeProblems);
    expect(therapies).toBeGreaterThan(0);
    // Measured: about 1 MB with the cursor; keeping every item instead takes about 18 MB (about
    // 1 KB per patient with its problems). The bound leaves room for the GC's whims.
    expect(peak).toBeLessThan(8e6);
  }, 120_000);
});
