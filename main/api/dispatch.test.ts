import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { CALL_NAMES, isDemoOnly } from '../../shared/api';
import { tempDir } from '../../test/support/tempDir';
import { Core } from '../core';
import type { CallContext } from './context';
import { dispatch, invoke, type CallTarget } from './dispatch';
import { loggedIn } from '../../test/doubles/operator';

/** A call as browser mode makes it. */
const call = (target: CallTarget, name: unknown, input: unknown) => dispatch(target, name, input, 'browser');

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function newCore(createAs: 'clinic' | 'demo' = 'clinic'): Core {
  core = new Core({ dataDir: tempDir(), createAs });
  return core;
}

describe('dispatch', () => {
  it('has a handler for every call of the contract', () => {
    const c = newCore();
    expect(Object.keys(c.handlers).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('runs a call and validates its output', async () => {
    const c = newCore('demo');
    await call(c, 'demo.seed', { patients: 50, seed: 7 });
    const r = await call(c, 'app.info', {});
    expect(r).toMatchObject({ ok: true, value: { name: 'PiC Studio', patientCount: 50 } });
  });

  it('refuses unknown names and payloads outside the contract, in Italian', async () => {
    const c = newCore();
    loggedIn(c);
    expect(await call(c, 'fs.readFile', {})).toEqual({ ok: false, error: { code: 'unknown-call', message: 'Operazione sconosciuta.' } });
    const bad = await call(c, 'patients.get', { id: 'uno' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!bad.ok && bad.error.message).toMatch(/^Dati non validi: id: .*atteso numero/);
  });

  it('turns domain errors into their code and Italian message', async () => {
    const c = newCore();
    loggedIn(c, 'segretaria');
    expect(await call(c, 'patients.search', { text: 'r' })).toMatchObject({ ok: false, error: { code: 'search-too-short', message: expect.stringMatching(/almeno 2/) } });
    expect(await call(c, 'patients.search', { text: 'RSSMRA85T10A562X' })).toMatchObject({ ok: false, error: { code: 'invalid-codice-fiscale' } });
    expect(await call(c, 'patients.get', { id: 12345 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('hides unexpected crashes behind an Italian message', async () => {
    const c = newCore();
    const handlers = { ...c.handlers, 'app.info': () => { throw new TypeError('boom'); } };
    const r = await call({ handlers, demo: c.demo, operator: () => null }, 'app.info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/Errore interno/) } });
  });

  it('never lets data outside the contract out', async () => {
    const c = newCore();
    const handlers = { ...c.handlers, 'clock.get': () => ({ operator: 'mario' }) as never };
    expect(await call({ handlers, demo: c.demo, operator: () => null }, 'clock.get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('pushes seeding progress as typed events', async () => {
    const c = newCore('demo');
    const seen: unknown[] = [];
    c.events.onAny((name, payload) => seen.push({ name, payload }));
    await call(c, 'demo.seed', { patients: 4100, seed: 1 });
    const progress = seen.filter((e) => (e as { name: string }).name === 'task.progress');
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toMatchObject({ payload: { task: 'demo.seed', finished: true, done: 4100 } });
    expect(seen).toContainEqual({ name: 'patients.changed', payload: { count: 4100 } });
  });

  it("refuses every demo call on a studio's archive, and only those", async () => {
    const demoCalls = CALL_NAMES.filter(isDemoOnly);
    expect(demoCalls.sort()).toEqual(['demo.cards.insert', 'demo.cards.remove', 'demo.cards.state', 'demo.seed']);
    const c = newCore('clinic');
    expect(c.demo).toBe(false);
    for (const name of demoCalls) {
      const r = await call(c, name, name === 'demo.seed' ? { patients: 5 } : name === 'demo.cards.insert' ? { slot: 0, image: 'operator-mmg' } : { slot: 0 });
      expect(r, name).toEqual({ ok: false, error: { code: 'demo-only', message: expect.stringMatching(/solo in modalità dimostrativa/) } });
    }
    expect(c.services.patients.count()).toBe(0);
    expect(await call(c, 'app.info', {})).toMatchObject({ ok: true, value: { mode: 'clinic' } });
    // The service refuses too, whatever calls it.
    expect(() => c.services.demoSeed.seed(5)).toThrow(expect.objectContaining({ code: 'demo-only' }));
    expect(c.services.patients.count()).toBe(0);
  });

  it("answers the studio's day from the core's clock", async () => {
    core = new Core({ dataDir: tempDir(), clock: { now: () => new Date('2027-12-31T23:30:00Z') } });
    expect(await call(core, 'clock.get', {})).toEqual({ ok: true, value: { today: '2028-01-01' } });
  });

  it('gives each handler the call context: operator, transport, workstation', async () => {
    const c = newCore();
    const seen: CallContext[] = [];
    const handlers = { ...c.handlers, 'app.info': (input: object, ctx: CallContext) => (seen.push(ctx), c.handlers['app.info']({}, ctx)) };
    const operator = { codiceFiscale: 'BNCGLI75A41F205I', name: 'Bianchi Giulia', role: null };
    expect(await invoke({ handlers, demo: false, operator: () => operator }, 'app.info', {}, 'electron')).toMatchObject({ mode: 'clinic' });
    await call({ handlers, demo: false, operator: () => null }, 'app.info', {});
    // The CLI has no card: it acts as the OS user, whoever the session says.
    await invoke({ handlers, demo: false, operator: () => operator }, 'app.info', {}, 'cli');
    expect(seen).toEqual([
      { operator, transport: 'electron', workstation: expect.any(String) },
      { operator: null, transport: 'browser', workstation: expect.any(String) },
      { operator: { codiceFiscale: `os:${os.userInfo().username}`, name: expect.stringContaining('riga di comando'), role: 'mmg' }, transport: 'cli', workstation: expect.any(String) },
    ]);
  });

  it('throws to the CLI what it wraps for the transports, the payload explained in English', async () => {
    const c = newCore();
    await expect(invoke(c, 'patients.get', { id: 'uno' }, 'cli')).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/^invalid input: id: .*expected number/) });
    await expect(invoke(c, 'demo.seed', { patients: 1 }, 'cli')).rejects.toMatchObject({ code: 'demo-only' });
    await expect(invoke(c, 'patients.get', { id: 4 }, 'cli')).rejects.toMatchObject({ code: 'not-found' });
  });
});
