import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { addDays } from '../../shared/domain/dates';
import { tempDir } from '../../test/support/tempDir';
import { EventHub } from '../events';
import { Store } from '../store/store';
import type { ImportAdapter, ImportItem } from './adapter';
import { ImportEngine } from './engine';
import { ImportJobs } from './importJobs';
import { AdapterRegistry } from './registry';

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };

const items: ImportItem[] = Array.from({ length: 3000 }, (_, i) => {
  const birthDate = addDays('1930-01-01', i);
  return { kind: 'patient', row: i + 2, patient: { codiceFiscale: computeCodiceFiscale({ surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate, birthPlaceCode: 'G388' }), surname: 'Rossi', givenName: 'Mario', birthDate, chronicLevel: 2 } };
});

/** Yields its rows once `open` is called (so the test sees the job before it has read anything). */
function gated(): { adapter: ImportAdapter<object>; open: () => void } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => (open = r));
  return {
    open: () => open(),
    adapter: {
      id: 'gated',
      name: 'Prova',
      description: 'in memoria',
      source: 'file',
      options: z.object({}),
      detect: async () => ({ match: true }),
      preview: async () => ({ items: [], warnings: [] }),
      async *read(_o, context) {
        for (const [i, item] of items.entries()) {
          if (i === 0) await gate;
          if (context.signal.aborted) return;
          yield item;
        }
      },
    },
  };
}

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

function jobsWith(adapter: ImportAdapter<object>) {
  const dir = tempDir();
  store = Store.open(dir, clock);
  const events = new EventHub();
  const engine = new ImportEngine(store, new AdapterRegistry([adapter as ImportAdapter<never>]), events, clock, dir);
  return { jobs: new ImportJobs(engine, events), s: store };
}

const patientsIn = (s: Store) => s.database.sqlite.prepare('SELECT count(*) FROM patients').pluck().get();

describe('import jobs', () => {
  it('answers the start at once with the job and its run, then follows progress to the report', async () => {
    const { adapter, open } = gated();
    const { jobs, s } = jobsWith(adapter);
    const started = jobs.start('gated', {}, { dryRun: false, operatorCf: null });
    expect(started).toMatchObject({ job: 1, adapter: 'gated', dryRun: false, report: null });
    expect(started.runId).toBe(s.imports.runs()[0]?.id);
    expect((await jobs.status(started.job)).report).toBeNull();
    open();
    const ended = await jobs.status(started.job, 5_000);
    expect(ended.report).toMatchObject({ status: 'done', created: 3000, runId: started.runId });
    expect(ended.progress).toMatchObject({ job: started.job, finished: true, created: 3000 });
    expect(jobs.cancel(started.job)).toBe(false);
  });

  it('cancels a dry run too, by its job', async () => {
    const { adapter, open } = gated();
    const { jobs, s } = jobsWith(adapter);
    const dry = jobs.start('gated', {}, { dryRun: true, operatorCf: null });
    expect(dry.runId).toBeNull();
    expect(jobs.cancel(dry.job)).toBe(true);
    open();
    const ended = await jobs.status(dry.job, 5_000);
    expect(ended.report).toMatchObject({ status: 'cancelled', dryRun: true });
    expect(patientsIn(s)).toBe(0);
  });

  it('refuses bad options at the start, and names a job it does not know', () => {
    const { adapter } = gated();
    const { jobs } = jobsWith(adapter);
    expect(() => jobs.start('nope', {}, { dryRun: false, operatorCf: null })).toThrow(expect.objectContaining({ code: 'unknown-adapter' }));
    expect(() => jobs.start('gated', { extra: 1 }, { dryRun: false, operatorCf: null })).not.toThrow();
    expect(() => jobs.cancel(999)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('returns from a status wait when the time is up, the job still running', async () => {
    const { adapter } = gated();
    const { jobs } = jobsWith(adapter);
    const started = jobs.start('gated', {}, { dryRun: true, operatorCf: null });
    const t0 = Date.now();
    expect((await jobs.status(started.job, 50)).report).toBeNull();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    jobs.cancel(started.job);
  });
});
