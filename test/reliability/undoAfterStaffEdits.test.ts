import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { Core } from '../../main/core';
import type { ImportAdapter, ImportItem } from '../../main/importers/adapter';
import { ImportEngine } from '../../main/importers/engine';
import { AdapterRegistry } from '../../main/importers/registry';
import { ImportSourceError } from '../../main/importers/errors';
import { tempDir } from '../support/tempDir';

/**
 * Undo after the studio has worked on what an import brought: the studio's work survives,
 * whether the undo is asked for or follows a run that failed midway.
 */

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };
const MMG = 'BNCGLI75A41F205I';
const cfOf = (surname: string, birthDate: string) => computeCodiceFiscale({ surname, givenName: 'Anna', sex: 'F', birthDate, birthPlaceCode: 'G388' });
const listed = (row: number, surname: string, birthDate: string, extra: object = {}): ImportItem => ({
  kind: 'patient',
  row,
  patient: { codiceFiscale: cfOf(surname, birthDate), surname, givenName: 'Anna', birthDate, chronicLevel: 2, letter: { type: 2, date: '2026-10-01' }, ...extra },
});

/** An adapter that yields its items, waits for `gate` after `pauseAfter` of them, then fails or ends. */
function adapterOf(items: ImportItem[], options: { pauseAfter?: number; gate?: Promise<void>; failAtEnd?: boolean } = {}): ImportAdapter<object> {
  return {
    id: 'scripted',
    name: 'Prova',
    description: 'in memoria',
    source: 'file',
    options: z.object({}),
    detect: async () => ({ match: true }),
    preview: async () => ({ items: [], warnings: [] }),
    async *read() {
      for (const [i, item] of items.entries()) {
        if (i === options.pauseAfter) await options.gate;
        yield item;
      }
      if (options.failAtEnd) throw new ImportSourceError('db-unreachable', 'connection lost', 'Connessione persa.');
    },
  };
}

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function open(): Core {
  core = new Core({ dataDir: tempDir(), clock });
  return core;
}

const engineOf = (c: Core, adapter: ImportAdapter<object>) => new ImportEngine(c.store, new AdapterRegistry([adapter as ImportAdapter<never>]), c.events, clock, tempDir());

const idOf = (c: Core, surname: string, birthDate: string) => c.store.patients.idByCodiceFiscale(cfOf(surname, birthDate))!;

describe('undo keeps what the studio did after the import', () => {
  it('restores only the fields nobody changed, keeps created patients the studio worked on, and says so', async () => {
    const c = open();
    await engineOf(c, adapterOf([listed(2, 'Bianchi', '1950-01-01', { mobile: '333 0000001' })])).run('scripted', {}, { dryRun: false, operatorCf: MMG });

    const engine = engineOf(c, adapterOf([
      listed(2, 'Bianchi', '1950-01-01', { mobile: '333 0000002', phone: '0382 000002' }),
      listed(3, 'Verdi', '1951-02-02'),
      listed(4, 'Neri', '1952-03-03'),
    ]));
    const run = await engine.run('scripted', {}, { dryRun: false, operatorCf: MMG });
    expect(run).toMatchObject({ status: 'done', created: 2, updated: 1 });

    // The secretary fixes Bianchi's mobile at the desk, and calls Verdi, both after the import.
    const bianchi = idOf(c, 'Bianchi', '1950-01-01');
    c.services.patients.updateContacts(bianchi, { phone: '0382 000002', mobile: '347 9999999', email: null, preferredCallTime: null }, MMG);
    const verdi = idOf(c, 'Verdi', '1951-02-02');
    c.services.calls.record({ patientId: verdi, outcome: 'no_answer' }, MMG);
    const neri = idOf(c, 'Neri', '1952-03-03');

    const undone = await engine.undo(run.runId!, MMG);
    expect(undone).toMatchObject({ removed: 1, restored: 1, kept: [{ patientId: verdi, reason: 'studio-work' }], fieldsKept: 1 });
    // The mobile typed by the secretary stays; the phone only the import wrote goes back (to none).
    expect(c.store.patients.get(bianchi)).toMatchObject({ mobile: '347 9999999', phone: null });
    // Verdi stays with his call; Neri, whom nobody touched, is gone.
    expect(c.store.patients.get(verdi).surname).toBe('Verdi');
    expect(c.store.database.sqlite.prepare('SELECT count(*) FROM contact_attempts WHERE patient_id = ?').pluck().get(verdi)).toBe(1);
    expect(() => c.store.patients.get(neri)).toThrow();
    // The undo is audited with what it kept.
    const audit = c.store.database.sqlite.prepare("SELECT operator_cf AS op, detail FROM audit_log WHERE action = 'import.undo'").get() as { op: string; detail: string };
    expect(audit.op).toBe(MMG);
    expect(JSON.parse(audit.detail)).toMatchObject({ removed: 1, restored: 1, fieldsKept: 1, kept: [{ patientId: verdi, reason: 'studio-work' }] });
  });

  it('a run that fails midway takes back its patients, but not the one the studio called meanwhile', async () => {
    const c = open();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const dayOf = (i: number) => new Date(Date.UTC(1940, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const unique = Array.from({ length: 1500 }, (_, i) => listed(i + 2, 'Galli', dayOf(i)));
    const running = engineOf(c, adapterOf(unique, { pauseAfter: 1000, gate, failAtEnd: true })).run('scripted', {}, { dryRun: false, operatorCf: MMG });
    // The first batch of 1,000 is committed; a walk-in comes for one of them while the run waits.
    for (let i = 0; i < 50 && c.store.patients.count() < 1000; i++) await new Promise((r) => setTimeout(r, 20));
    expect(c.store.patients.count()).toBe(1000);
    const first = (unique[0] as { patient: { codiceFiscale: string } }).patient.codiceFiscale;
    const walkIn = c.store.patients.idByCodiceFiscale(first)!;
    c.services.walkIn.record({ patientId: walkIn, letterType: 2, letterDate: '2026-10-01', mobile: '347 1234567' }, MMG);
    release();
    const report = await running;
    expect(report).toMatchObject({ status: 'failed', error: { code: 'db-unreachable' } });
    expect(c.store.patients.count()).toBe(1);
    expect(c.store.patients.get(walkIn).mobile).toBe('347 1234567');
  });
});

describe('undo of a large run', () => {
  it('goes in batches, so another writer gets in before it ends', async () => {
    const c = open();
    const dayOf = (i: number) => new Date(Date.UTC(1930, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const engine = engineOf(c, adapterOf(Array.from({ length: 5000 }, (_, i) => listed(i + 2, 'Conti', dayOf(i)))));
    const run = await engine.run('scripted', {}, { dryRun: false, operatorCf: MMG });
    expect(c.store.patients.count()).toBe(5000);
    const undoing = engine.undo(run.runId!, MMG);
    await new Promise((resolve) => setImmediate(resolve));
    const midway = c.store.patients.count();
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(5000);
    expect(c.store.imports.run(run.runId!)?.status).toBe('undoing');
    await undoing;
    expect(c.store.patients.count()).toBe(0);
  });
});
