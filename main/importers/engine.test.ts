import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { addDays } from '../../shared/domain/dates';
import { tempDir } from '../../test/support/tempDir';
import { EventHub } from '../events';
import { RUN_HEARTBEAT_MS, RUN_STALE_AFTER_MS } from '../store/importStore';
import { Store } from '../store/store';
import type { ImportAdapter, ImportItem } from './adapter';
import { ImportEngine } from './engine';
import { ImportSourceError } from './errors';
import { AdapterRegistry } from './registry';

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };
const cf = (surname: string, givenName: string, birthDate = '1950-01-01') => computeCodiceFiscale({ surname, givenName, sex: 'M', birthDate, birthPlaceCode: 'G388' });

/** An adapter that yields what the test gives it, optionally failing after some rows. */
function scripted(items: ImportItem[], failAfter?: number): ImportAdapter<{ tag?: string }> {
  return {
    id: 'scripted',
    name: 'Prova',
    description: 'in memoria',
    source: 'file',
    options: z.object({ tag: z.string().optional() }),
    detect: async () => ({ match: true }),
    preview: async (_o, limit) => ({ items: items.slice(0, limit), warnings: [] }),
    async *read(_o, context) {
      let n = 0;
      for (const item of items) {
        if (context.signal.aborted) return;
        if (failAfter !== undefined && n === failAfter) throw new ImportSourceError('db-unreachable', 'connection lost', 'Connessione persa.');
        n++;
        yield item;
      }
    },
  };
}

const patient = (row: number, surname: string, extra: object = {}, birthDate = '1950-01-01'): ImportItem => ({
  kind: 'patient',
  row,
  patient: { codiceFiscale: cf(surname, 'Mario', birthDate), surname, givenName: 'Mario', chronicLevel: 2, problems: [{ icd9: '428.0' }], ...extra },
});

/** n patients with distinct codici fiscali (one birth day each). */
const many = (n: number) => Array.from({ length: n }, (_, i) => patient(i + 2, 'Rossi', {}, addDays('1930-01-01', i)));

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

function engineWith(adapter: ImportAdapter<never>) {
  const dir = tempDir();
  store = Store.open(dir, clock);
  const events = new EventHub();
  const progress: unknown[] = [];
  events.on('import.progress', (p) => progress.push(p));
  return { engine: new ImportEngine(store, new AdapterRegistry([adapter]), events, clock, dir), s: store, progress };
}

const patientsIn = (s: Store) => s.database.sqlite.prepare('SELECT count(*) FROM patients').pluck().get();
const dump = (s: Store) => s.database.sqlite.prepare('SELECT p.codice_fiscale, p.surname, p.chronic_level, group_concat(pp.code) FROM patients p LEFT JOIN patient_pathologies pp ON pp.patient_id = p.id GROUP BY p.id ORDER BY p.id').all();

describe('import engine', () => {
  it('creates, then on the same source again changes nothing', async () => {
    const items = many(2500);
    const { engine, s, progress } = engineWith(scripted(items) as never);
    const first = await engine.run('scripted', {}, { dryRun: false, operatorCf: null });
    expect(first).toMatchObject({ status: 'done', created: 2500, updated: 0, unchanged: 0, rejected: [] });
    expect(s.database.sqlite.prepare('SELECT count(*) FROM patient_pathologies WHERE code = 20').pluck().get()).toBe(2500);
    const before = dump(s);
    const second = await engine.run('scripted', {}, { dryRun: false, operatorCf: null });
    expect(second).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2500 });
    expect(dump(s)).toEqual(before);
    expect(progress.at(-1)).toMatchObject({ finished: true, done: 2500, unchanged: 2500 });
  });

  it('rejects bad rows with reasons, keeps the first of a repeated codice fiscale', async () => {
    const items: ImportItem[] = [
      patient(2, 'Rossi'),
      { kind: 'patient', row: 3, patient: { codiceFiscale: 'RSSMRA50A01G388X', surname: 'Rossi', givenName: 'Mario' } },
      patient(4, 'Rossi', { mobile: '333 0000000' }),
      { kind: 'reject', row: 5, reason: 'Riga con 3 campi invece di 9.' },
    ];
    const { engine } = engineWith(scripted(items) as never);
    const r = await engine.run('scripted', {}, { dryRun: false, operatorCf: null });
    expect(r.created).toBe(1);
    expect(r.rejected).toEqual([
      { row: '3', reason: expect.stringMatching(/non valido/) },
      { row: '4', reason: expect.stringMatching(/ripetuto: già importato dalla riga 2/) },
      { row: '5', reason: 'Riga con 3 campi invece di 9.' },
    ]);
    expect(engine.rejects(r.runId!)).toHaveLength(3);
  });

  it('a dry run counts exactly what a real run would do, and writes nothing', async () => {
    const { engine, s } = engineWith(scripted([patient(2, 'Rossi'), patient(3, 'Bianchi')]) as never);
    const dry = await engine.run('scripted', {}, { dryRun: true, operatorCf: null });
    expect(dry).toMatchObject({ runId: null, dryRun: true, created: 2 });
    expect(patientsIn(s)).toBe(0);
    expect(engine.runs()).toEqual([]);
  });

  it('a dry run rejects a codice fiscale repeated batches later, naming its first row', async () => {
    const items = [...many(1500), patient(9000, 'Rossi', {}, '1930-01-01')];
    const { engine } = engineWith(scripted(items) as never);
    const dry = await engine.run('scripted', {}, { dryRun: true, operatorCf: null });
    expect(dry).toMatchObject({ created: 1500, rejected: [{ row: '9000', reason: expect.stringContaining('già importato dalla riga 2') }] });
  });

  it('a run that fails midway leaves the store exactly as before', async () => {
    const items = many(3000);
    const { engine, s } = engineWith(scripted(items, 2100) as never);
    const r = await engine.run('scripted', {}, { dryRun: false, operatorCf: null });
    expect(r).toMatchObject({ status: 'failed', error: { code: 'db-unreachable', message: 'Connessione persa.' } });
    expect(patientsIn(s)).toBe(0);
    expect(engine.runs()[0]).toMatchObject({ status: 'failed' });
  });

  it('undoes a whole run: created patients removed, updated ones restored, enrolled ones kept', async () => {
    const adapter = scripted([patient(2, 'Rossi'), patient(3, 'Bianchi')]);
    const { engine, s } = engineWith(adapter as never);
    await engine.run('scripted', {}, { dryRun: false, operatorCf: null });
    const baseline = dump(s);
    const changed = scripted([patient(2, 'Rossi', { chronicLevel: 1, problems: [{ icd9: '496' }] }), patient(3, 'Verdi')]);
    const { engine: second } = { engine: new ImportEngine(s, new AdapterRegistry([changed as never]), new EventHub(), clock, tempDir()) };
    const r = await second.run('scripted', {}, { dryRun: false, operatorCf: null });
    expect(r).toMatchObject({ created: 1, updated: 1 });
    const verdi = s.patients.idByCodiceFiscale(cf('Verdi', 'Mario'))!;
    s.database.sqlite.prepare("INSERT INTO enrollments (patient_id, programme_year, state) VALUES (?, 2026, 'candidate')").run(verdi);
    expect(await second.undo(r.runId!, null)).toMatchObject({ removed: 0, restored: 1, kept: [{ patientId: verdi, reason: 'enrolled' }], fieldsKept: 0 });
    expect(dump(s).filter((row) => (row as { surname: string }).surname !== 'Verdi')).toEqual(baseline);
    await expect(second.undo(r.runId!, null)).rejects.toMatchObject({ code: 'already-undone' });
  });

  it('refuses options outside the adapter schema and unknown adapters, in Italian', async () => {
    const { engine } = engineWith(scripted([]) as never);
    await expect(engine.run('scripted', { tag: 5 }, { dryRun: false, operatorCf: null })).rejects.toMatchObject({ code: 'invalid-options' });
    await expect(engine.run('nope', {}, { dryRun: false, operatorCf: null })).rejects.toMatchObject({ code: 'unknown-adapter' });
  });

  it('cancelling undoes what was already written', async () => {
    const items = many(5000);
    const controller = new AbortController();
    const slow: ImportAdapter<object> = {
      ...scripted(items),
      async *read() {
        for (const [i, item] of items.entries()) {
          if (i === 2500) controller.abort();
          yield item;
        }
      },
    };
    const { engine, s } = engineWith(slow as never);
    const r = await engine.run('scripted', {}, { dryRun: false, operatorCf: null, signal: controller.signal });
    expect(r.status).toBe('cancelled');
    expect(patientsIn(s)).toBe(0);
  });
});

describe('runs left running', () => {
  it('are interrupted when their process is gone, left alone while it lives', () => {
    const dir = tempDir();
    const s = Store.open(dir, clock);
    const alive = s.imports.startRun('ats-list', '/a.csv', clock.now().toISOString(), null);
    const dead = s.imports.startRun('ats-list', '/b.csv', clock.now().toISOString(), null);
    s.database.sqlite.prepare('UPDATE import_runs SET pid = ? WHERE id = ?').run(424242, alive);
    s.database.sqlite.prepare('UPDATE import_runs SET pid = ? WHERE id = ?').run(434343, dead);
    expect(s.imports.markInterrupted(clock.now(), (pid) => pid === 424242)).toBe(1);
    expect(s.imports.run(alive)!.status).toBe('running');
    expect(s.imports.run(dead)!.status).toBe('interrupted');
    s.close();
  });

  it('are interrupted when their PID lives but their heartbeat stopped (the PID went to another program)', () => {
    const s = Store.open(tempDir(), clock);
    const started = clock.now();
    const run = s.imports.startRun('ats-list', '/a.csv', started.toISOString(), null);
    s.database.sqlite.prepare('UPDATE import_runs SET pid = ? WHERE id = ?').run(424242, run);
    const alive = (pid: number) => pid === 424242;
    s.imports.beat(run, new Date(started.getTime() + 50_000).toISOString());
    expect(s.imports.markInterrupted(new Date(started.getTime() + 100_000), alive)).toBe(0);
    expect(s.imports.markInterrupted(new Date(started.getTime() + 50_000 + RUN_STALE_AFTER_MS), alive)).toBe(1);
    expect(s.imports.run(run)!.status).toBe('interrupted');
    s.close();
  });

  it('renew their heartbeat while they read', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let now = clock.now().getTime();
      const moving = { now: () => new Date(now) };
      const s = Store.open(tempDir(), moving);
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => (release = r));
      const slow: ImportAdapter<object> = {
        ...scripted([]),
        async *read() {
          await gate;
          yield* [] as ImportItem[];
        },
      };
      const engine = new ImportEngine(s, new AdapterRegistry([slow as ImportAdapter<never>]), new EventHub(), moving, tempDir());
      const started = engine.start(slow.id, {}, { dryRun: false, operatorCf: null });
      now += RUN_HEARTBEAT_MS;
      vi.advanceTimersByTime(RUN_HEARTBEAT_MS);
      const beat = s.database.sqlite.prepare('SELECT heartbeat_at FROM import_runs WHERE id = ?').pluck().get(started.runId);
      expect(beat).toBe(new Date(now).toISOString());
      release();
      await started.report;
      s.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
