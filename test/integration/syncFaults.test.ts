import { describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { OutboxRow } from '../../main/store/outbox';
import { createSyncBridge } from '../../main/sync/bridge';
import { SyncEngine, type EngineDeps } from '../../main/sync/engine';
import { InsecureServerUrlError } from '../../main/sync/errors';
import { ids } from '../../main/sync/fhirIds';
import { backoffMs } from '../../main/sync/syncState';
import { SyncSettings } from '../../main/sync/syncSettings';
import type { Fault } from '../peers/faults';
import type { LoggedRequest } from '../peers/requestLog';
import { expectedOnPeer, latest, outboxLeft, peerContents, sameContentEveryVersion } from '../support/peerContents';
import { pic, picAsync } from '../support/cli';
import { GESTORE_A, patientIds, registerWithoutCards } from '../support/syncStudio';
import { syncWorldEachTest } from '../support/syncWorld';
import { tempDir } from '../support/tempDir';
import { isTransaction, transactionWith, writesEpisode } from '../support/requestMatchers';
import { waitFor } from '../support/waitFor';

/**
 * Every fault the Centro Servizi or the network can throw at a run, against the real FHIR peer:
 * whatever happens, each record the studio queued ends on the server once, as built, and nothing
 * else is there; what could not go waits in the outbox for the next run.
 */

const START = '2026-03-02T08:00:00Z';
const world = syncWorldEachTest(START);

/** Three patients registered today (three EpisodeOfCare claims), and the demo's letter brought by one of them. */
function studio(): Core {
  const c = world.studio({ patients: 3 });
  for (const id of patientIds(c)) registerWithoutCards(c, id, '2026-03-02');
  return c;
}

interface Harness {
  engine: SyncEngine;
  /** Every wait the engine asked for, in milliseconds: each one moves the test's clock on by as much. */
  waits: number[];
  /** What the outbox (the items `keep` picks) should leave on the world.peer. */
  expected: (keep?: (row: OutboxRow) => boolean) => Map<string, string>;
}

/**
 * The engine as the worker builds it (workerMain.ts), over the studio's store, with the test's
 * clock, waits and timeout: the core's own runner would sleep for real on a Retry-After.
 */
function harness(c: Core, deps: Partial<EngineDeps> = {}): Harness {
  const settings = new SyncSettings(c.store.settings, { read: () => null, write: () => undefined }, 'test');
  const bridge = createSyncBridge(c.store, c.clock, settings);
  const waits: number[] = [];
  const wait = async (ms: number) => {
    waits.push(ms);
    world.now = new Date(world.now.getTime() + ms);
  };
  const engine = new SyncEngine({ store: c.store, settings, bridge, clock: c.clock, wait, timeoutMs: 2_000, random: () => 0.5, ...deps });
  return { engine, waits, expected: (keep) => expectedOnPeer(c.store, bridge.build, keep) };
}

const pending = (c: Core) => c.services.sync.status().pendingTotal;

/** Runs until a run ends without an error (at most `runs`), the clock moved past each backoff. */
async function drain(h: Harness, runs = 3) {
  let last = await h.engine.runOnce();
  for (let i = 1; i < runs && last.error; i++) {
    world.now = new Date(world.now.getTime() + 15 * 60_000);
    last = await h.engine.runOnce();
  }
  return last;
}

/** Nothing lost, nothing else: the peer holds exactly the studio's records, as built, each in one version. */
async function expectExactlyOnce(h: Harness, expected: Map<string, string>, options: { repeatedVersions?: boolean } = {}) {
  const contents = await peerContents(world.peer);
  expect(latest(contents)).toEqual(expected);
  if (options.repeatedVersions) expect(sameContentEveryVersion(contents)).toBe(true);
  else expect([...contents.values()].filter((v) => v.length !== 1)).toEqual([]);
}

/** The request after the one that met `fault`: what the engine sent next. */
function afterFault(fault: Fault['kind']): { faulted: LoggedRequest; next: LoggedRequest | undefined } {
  const k = world.peer.requests.entries.findIndex((r) => r.fault === fault);
  expect(k).toBeGreaterThanOrEqual(0);
  return { faulted: world.peer.requests.entries[k]!, next: world.peer.requests.entries[k + 1] };
}

describe('a fault at any request of a run', () => {
  const anyRequest = () => true;
  const writes = (r: { method: string }) => r.method !== 'GET';

  /** How many requests of a run without faults `among` picks: the sweep puts the fault on each in turn. */
  async function cleanRunRequests(among: (r: { method: string }) => boolean): Promise<number> {
    const h = harness(studio());
    expect((await h.engine.runOnce()).error).toBeNull();
    const n = world.peer.requests.count(among);
    world.peer.requests.clear();
    world.peer.repo.clear();
    return n;
  }

  // One fault of each way the engine meets them (504, garbage JSON and 429 take the paths of 503
  // and garbage; each has its own test below). Faults that reach the server's storage may leave a
  // repeated version, never another content. A slow read is a dropped one: slow goes on writes.
  it.each<[Fault, { processed: boolean; among: (r: { method: string }) => boolean }]>([
    [{ kind: 'drop' }, { processed: false, among: anyRequest }],
    [{ kind: 'status500' }, { processed: false, among: anyRequest }],
    [{ kind: 'status503', retryAfterSeconds: 1 }, { processed: false, among: anyRequest }],
    [{ kind: 'status504AfterProcessing' }, { processed: true, among: anyRequest }],
    [{ kind: 'garbage' }, { processed: false, among: anyRequest }],
    [{ kind: 'hangUpMidBody' }, { processed: true, among: anyRequest }],
    [{ kind: 'slow', ms: 300 }, { processed: true, among: writes }],
  ])('%o: whichever request meets it, every record ends on the server once, and nothing else', async (fault, { processed, among }) => {
    const requests = await cleanRunRequests(among);
    expect(requests).toBeGreaterThanOrEqual(5);
    for (let k = 0; k < requests; k++) {
      await world.restartPeer();
      const c = studio();
      // The client gives up on the slow answer; every other answer comes well within its time.
      const h = harness(c, { timeoutMs: fault.kind === 'slow' ? 150 : 2_000 });
      const expected = h.expected();
      let seen = 0;
      world.peer.faults.inject(fault, { matches: (r) => among(r) && seen++ === k });
      const first = await h.engine.runOnce();
      expect(world.peer.faults.pending).toBe(0);
      // A slow answer the client gave up on is still written: the next run starts once it is.
      if (fault.kind === 'slow') await waitFor(() => world.peer.requests.count({ fault: 'slow' }) === 1, 'the slow request written');
      const last = first.error ? await drain(h) : first;
      expect({ k, error: last.error, left: outboxLeft(c) }).toEqual({ k, error: null, left: {} });
      await expectExactlyOnce(h, expected, { repeatedVersions: processed });
      await world.close(c);
    }
  }, 60_000);
});

describe('a server error (500)', () => {
  it('ends the run with sync-server-error, keeps every item, sets the next run after a jittered backoff, and the next run sends them', async () => {
    const c = studio();
    const queued = pending(c);
    const early = harness(c, { random: () => 0 });
    const expected = early.expected();
    world.peer.faults.inject({ kind: 'status500' }, { matches: isTransaction, times: 2 });

    const first = await early.engine.runOnce();
    expect(first.error).toEqual({ code: 'sync-server-error', message: expect.stringContaining('HTTP 500') });
    expect(first).toMatchObject({ pushed: 0, pending: queued });
    // Full jitter over [ceiling/2, ceiling]: the lowest draw after the first failure is half of 5 s.
    expect(c.services.sync.status()).toMatchObject({ online: true, lastError: { code: 'sync-server-error' }, nextRunAt: new Date(world.now.getTime() + 2_500).toISOString(), pendingTotal: queued });
    expect(early.engine.due()).toBe(false);

    const late = harness(c, { random: () => 1 });
    world.now = new Date(world.now.getTime() + 2_500);
    expect(late.engine.due()).toBe(true);
    expect((await late.engine.runOnce()).error?.code).toBe('sync-server-error');
    // The highest draw after the second: the whole ceiling of 10 s.
    expect(c.services.sync.status().nextRunAt).toBe(new Date(world.now.getTime() + backoffMs(2, () => 1)).toISOString());
    expect(backoffMs(2, () => 1)).toBe(10_000);
    expect(pending(c)).toBe(queued);
    expect(await world.peer.count('Patient')).toBe(0);

    world.now = new Date(world.now.getTime() + 10_000);
    const next = await late.engine.runOnce();
    expect(next).toMatchObject({ error: null, pushed: queued, pending: 0 });
    expect(c.services.sync.status()).toMatchObject({ lastError: null, nextRunAt: null, online: true });
    await expectExactlyOnce(late, expected);
  });
});

describe('busy answers with Retry-After', () => {
  it.each<[Fault]>([[{ kind: 'status429', retryAfterSeconds: 7 }], [{ kind: 'status503', retryAfterSeconds: 7 }]])(
    '%o: the identical request goes again after the wait asked, inside the same run',
    async (fault) => {
      const c = studio();
      const h = harness(c);
      const expected = h.expected();
      world.peer.faults.inject(fault, { matches: isTransaction });
      const r = await h.engine.runOnce();
      expect(r).toMatchObject({ error: null, pending: 0 });
      expect(h.waits).toEqual([7_000]);
      const { faulted, next } = afterFault(fault.kind);
      expect(next).toMatchObject({ method: 'POST', path: '', status: 200, digest: faulted.digest, bytesIn: faulted.bytesIn });
      await expectExactlyOnce(h, expected);
    },
  );

  it.each<[Fault]>([[{ kind: 'status429', retryAfterSeconds: 120 }], [{ kind: 'status503', retryAfterSeconds: 120 }]])(
    '%o longer than the engine waits in a run: the run ends, the next is not before the time asked, nothing is lost',
    async (fault) => {
      const c = studio();
      const queued = pending(c);
      const h = harness(c, { maxWaitMs: 30_000 });
      const expected = h.expected();
      world.peer.faults.inject(fault, { matches: isTransaction });
      const r = await h.engine.runOnce();
      expect(r.error?.code).toBe('sync-busy');
      expect(h.waits).toEqual([]);
      expect(c.services.sync.status()).toMatchObject({ nextRunAt: new Date(world.now.getTime() + 120_000).toISOString(), pendingTotal: queued });
      world.now = new Date(world.now.getTime() + 119_000);
      expect(h.engine.due()).toBe(false);
      world.now = new Date(world.now.getTime() + 1_000);
      expect(h.engine.due()).toBe(true);
      expect(await h.engine.runOnce()).toMatchObject({ error: null, pushed: queued, pending: 0 });
      await expectExactlyOnce(h, expected);
    },
  );

  it('a busy answer to a pull: the same wait, then the identical search again, inside the same run', async () => {
    const c = studio();
    const h = harness(c);
    world.peer.faults.inject({ kind: 'status429', retryAfterSeconds: 7 }, { matches: (r) => r.method === 'GET' && r.path === 'EpisodeOfCare' });
    expect(await h.engine.runOnce()).toMatchObject({ error: null, pending: 0 });
    expect(h.waits).toEqual([7_000]);
    const k = world.peer.requests.entries.findIndex((r) => r.fault === 'status429');
    expect(world.peer.requests.entries[k + 1]).toMatchObject({ method: 'GET', path: 'EpisodeOfCare', status: 200 });
  });

  it('a server busy at every try: a few waits, then the run ends and the items wait', async () => {
    const c = studio();
    const queued = pending(c);
    const h = harness(c);
    world.peer.faults.inject({ kind: 'status503', retryAfterSeconds: 1 }, { matches: isTransaction, times: 100 });
    const r = await h.engine.runOnce();
    expect(r.error?.code).toBe('sync-busy');
    expect(h.waits).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
    expect(world.peer.requests.count({ fault: 'status503' })).toBe(6);
    expect(pending(c)).toBe(queued);
  });
});

describe('a gateway timeout (504)', () => {
  it('before the server saw the request: the identical request goes again, and everything is written once', async () => {
    const c = studio();
    const h = harness(c);
    const expected = h.expected();
    world.peer.faults.inject({ kind: 'status504' }, { matches: isTransaction });
    expect(await h.engine.runOnce()).toMatchObject({ error: null, pending: 0 });
    expect(h.waits).toEqual([1_000]);
    const { faulted, next } = afterFault('status504');
    expect(next).toMatchObject({ status: 200, digest: faulted.digest });
    await expectExactlyOnce(h, expected);
  });

  it('after the server wrote a first send: the identical retry writes the same content again, no second resource', async () => {
    const c = studio();
    const h = harness(c);
    const expected = h.expected();
    world.peer.faults.inject({ kind: 'status504AfterProcessing' }, { matches: isTransaction });
    expect(await h.engine.runOnce()).toMatchObject({ error: null, pending: 0 });
    const { faulted, next } = afterFault('status504AfterProcessing');
    expect(next).toMatchObject({ status: 200, digest: faulted.digest });
    await expectExactlyOnce(h, expected, { repeatedVersions: true });
  });

  it('after the server wrote an update: the retry with the old If-Match is refused, the server copy is ours, and the item ends sent, not held', async () => {
    const c = studio();
    const h = harness(c);
    expect((await h.engine.runOnce()).error).toBeNull();
    const [, p2] = patientIds(c) as [number, number];
    c.services.patients.updateContacts(p2, { phone: '02 7654321', mobile: '347 1112223', email: null, preferredCallTime: null }, null);
    const expected = h.expected();
    const patientRef = `Patient/${ids.patient(c.store.patients.get(p2).codiceFiscale)}`;
    expect([...expected.keys()]).toContain(patientRef);
    world.peer.requests.clear();
    world.peer.faults.inject({ kind: 'status504AfterProcessing' }, { matches: isTransaction });

    const r = await h.engine.runOnce();
    expect(r).toMatchObject({ error: null, pushed: 1, pending: 0, conflicts: 0, needsAttention: 0 });
    expect(outboxLeft(c)).toEqual({});
    expect(c.services.sync.status()).toMatchObject({ attention: [], conflicts: [] });
    const { faulted, next } = afterFault('status504AfterProcessing');
    expect(next).toMatchObject({ status: 412, digest: faulted.digest });
    const history = (await peerContents(world.peer)).get(patientRef)!;
    expect(history).toHaveLength(2);
    expect(history[1]).toBe(expected.get(patientRef));
  });
});

describe('answers that are not FHIR', () => {
  it.each<[Fault]>([[{ kind: 'garbage' }], [{ kind: 'garbageJson' }]])('%o: sync-garbage, nothing taken from it, the items stay and go next time', async (fault) => {
    const c = studio();
    const queued = pending(c);
    const h = harness(c);
    const expected = h.expected();
    world.peer.faults.inject(fault, { matches: isTransaction });
    const r = await h.engine.runOnce();
    expect(r).toMatchObject({ error: { code: 'sync-garbage' }, pushed: 0, pending: queued });
    const cf = c.store.patients.get(patientIds(c)[0]!).codiceFiscale;
    expect(c.store.sync.known('Patient', ids.patient(cf))).toBeNull();
    expect(await world.peer.count('Patient')).toBe(0);
    expect(await drain(h)).toMatchObject({ error: null, pushed: queued, pending: 0 });
    await expectExactlyOnce(h, expected);
  });
});

describe('an answer slower than the client waits', () => {
  it('ends the run as offline; the server wrote it meanwhile, and the next run reads it back instead of sending it again', async () => {
    const c = studio();
    const queued = pending(c);
    const h = harness(c, { timeoutMs: 150 });
    const expected = h.expected();
    world.peer.faults.inject({ kind: 'slow', ms: 500 }, { matches: isTransaction });
    const r = await h.engine.runOnce();
    expect(r).toMatchObject({ error: { code: 'sync-offline' }, pushed: 0, pending: queued });
    expect(c.services.sync.status().online).toBe(false);
    await waitFor(() => world.peer.requests.count({ fault: 'slow', status: 200 }) === 1, 'the slow transaction written');
    world.peer.requests.clear();

    expect(await drain(h)).toMatchObject({ error: null, pushed: queued, pending: 0 });
    expect(world.peer.requests.count((q) => q.method === 'POST')).toBe(1);
    await expectExactlyOnce(h, expected);
  });
});

describe('a record the Centro Servizi refuses (4xx)', () => {
  const REASON = 'Codice fiscale non presente in anagrafe regionale';

  it("goes to 'attention' with the server's reason, the other patients' items still go, his later ones wait behind it, and a retry sends it again", async () => {
    const c = studio();
    const h = harness(c);
    // One without the demo's letter, so that his enrollment is his first item.
    const withLetter = new Set(c.store.database.sqlite.prepare('SELECT patient_id FROM letters WHERE received_at IS NOT NULL').pluck().all() as number[]);
    const refused = patientIds(c).find((id) => !withLetter.has(id))!;
    c.services.patients.updateContacts(refused, { phone: '02 7654321', mobile: null, email: null, preferredCallTime: null }, null);
    const expected = h.expected();
    const cf = c.store.patients.get(refused).codiceFiscale;
    const ref = `Patient/${ids.patient(cf)}`;
    world.peer.faults.inject({ kind: 'status422', text: REASON, expression: 'Patient.identifier[0]' }, { matches: (r) => transactionWith(r, ref), times: 100 });
    const queued = pending(c);

    const r = await h.engine.runOnce();
    expect(r).toMatchObject({ error: null, needsAttention: 1, pending: 1, pushed: queued - 2 });
    const status = c.services.sync.status();
    expect(status.attention).toEqual([expect.objectContaining({ patientId: refused, codiceFiscale: cf, kind: 'enrollment', reason: `${REASON} @ Patient.identifier[0]` })]);
    expect(status.pending).toEqual([{ kind: 'patient', count: 1 }]);
    expect(await world.peer.count('Patient', `_id=${ids.patient(cf)}`)).toBe(0);
    const others = [...expected.keys()].filter((k) => k.startsWith('Patient/') && k !== ref);
    expect(others).toHaveLength(2);
    for (const other of others) expect(await world.peer.count('Patient', `_id=${other.slice('Patient/'.length)}`)).toBe(1);

    // Held, his later item does not go either, run after run: nothing of his is even sent.
    const refusals = world.peer.requests.count({ fault: 'status422' });
    expect(await h.engine.runOnce()).toMatchObject({ error: null, pushed: 0, needsAttention: 1, pending: 1 });
    expect(world.peer.requests.count({ fault: 'status422' })).toBe(refusals);

    // The Centro Servizi's registry is put right; a person presses "riprova".
    world.peer.faults.clear();
    c.services.sync.retry(status.attention[0]!.uid, null);
    expect(c.services.sync.status()).toMatchObject({ attention: [], pendingTotal: 2 });
    expect(await h.engine.runOnce()).toMatchObject({ error: null, pushed: 2, needsAttention: 0, pending: 0 });
    expect(outboxLeft(c)).toEqual({});
    await expectExactlyOnce(h, expected);
    expect(c.store.audit.forEntity('patient', refused).map((e) => e.action)).toContain('sync.retry');
  });
});

describe('an EpisodeOfCare claim the Centro Servizi refuses (4xx)', () => {
  it("holds that enrollment for a person, with the server's reason, and the rest of the queue still goes", async () => {
    const c = studio();
    const h = harness(c);
    const withLetter = new Set(c.store.database.sqlite.prepare('SELECT patient_id FROM letters WHERE received_at IS NOT NULL').pluck().all() as number[]);
    const refused = patientIds(c).find((id) => !withLetter.has(id))!;
    const episode = `EpisodeOfCare/${ids.episode(c.store.patients.get(refused).codiceFiscale, 2026)}`;
    const expected = h.expected();
    const queued = pending(c);
    // Whether it comes alone or in a batch with the other claims.
    world.peer.faults.inject({ kind: 'status422', text: 'Assistito non residente in Lombardia' }, { matches: (r) => writesEpisode(r, episode), times: 100 });

    const r = await h.engine.runOnce();
    expect(r).toMatchObject({ error: null, needsAttention: 1, pending: 0, pushed: queued - 1 });
    expect(c.services.sync.status().attention).toEqual([expect.objectContaining({ patientId: refused, kind: 'enrollment', reason: 'Assistito non residente in Lombardia' })]);
    expect(await world.peer.count('EpisodeOfCare')).toBe(2);

    world.peer.faults.clear();
    c.services.sync.retry(c.services.sync.status().attention[0]!.uid, null);
    expect(await h.engine.runOnce()).toMatchObject({ error: null, pushed: 1, needsAttention: 0, pending: 0 });
    await expectExactlyOnce(h, expected);
  });
});

describe('TLS', () => {
  it('the settings refuse a Centro Servizi address in clear outside this computer; https, and http on loopback, are taken', () => {
    const c = studio();
    for (const url of ['http://centro-servizi.example.it/fhir', 'http://192.168.1.10:8080/fhir', 'http://localhost.example.it/fhir', 'http://127.0.0.1.nip.io/fhir', 'ftp://centro-servizi.example.it/fhir', 'centro-servizi.example.it/fhir']) {
      expect(() => c.services.sync.configure({ url }, null), url).toThrow(InsecureServerUrlError);
      expect(c.services.sync.centroServizi().url).toBe(world.peer.url);
    }
    for (const url of ['https://centro-servizi.example.it/fhir', 'http://localhost:8090/fhir', 'http://[::1]:8090/fhir', world.peer.url]) {
      c.services.sync.configure({ url }, null);
      expect(c.services.sync.centroServizi().url).toBe(url);
    }
  });

  it('an address in clear that got into the settings some other way: the run sends nothing and says why', async () => {
    const c = studio();
    const queued = pending(c);
    c.store.settings.set('centroServizi', { url: 'http://centro-servizi.example.it/fhir', gestoreCode: GESTORE_A.code, systems: {} });
    const r = await c.services.sync.run();
    expect(r).toMatchObject({ error: { code: 'sync-insecure-url' }, pushed: 0, pending: queued });
    expect(c.services.sync.status().lastError?.code).toBe('sync-insecure-url');
    expect(world.peer.requests.count()).toBe(0);
  });
});

describe('a wrong token (401)', () => {
  const RIGHT = 'cs-token-3f9a1c7e5b2d4086';
  const WRONG = 'cs-token-0000aaaa1111bbbb';

  async function peerWithToken(): Promise<void> {
    await world.restartPeer({ token: RIGHT });
  }

  /** Every value of every table, as text: the token must be in none of them. */
  function everything(c: Core): string {
    const db = c.store.database.sqlite;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
  }

  it('ends the run with sync-unauthorized and loses nothing; with the right token it all goes; neither token is anywhere in the database', async () => {
    await peerWithToken();
    const c = studio();
    const h = harness(c);
    const expected = h.expected();
    const queued = pending(c);
    c.services.sync.configure({ url: world.peer.url, token: WRONG }, null);
    const r = await c.services.sync.run();
    expect(r).toMatchObject({ error: { code: 'sync-unauthorized' }, pushed: 0, pending: queued });
    expect(c.services.sync.status()).toMatchObject({ lastError: { code: 'sync-unauthorized' }, pendingTotal: queued });
    expect(world.peer.requests.count()).toBe(world.peer.requests.count({ status: 401 }));
    expect(await world.peer.count('Patient')).toBe(0);

    c.services.sync.configure({ token: RIGHT }, null);
    expect(c.services.sync.centroServizi().hasToken).toBe(true);
    world.now = new Date(world.now.getTime() + 15 * 60_000);
    expect(await c.services.sync.run()).toMatchObject({ error: null, pushed: queued, pending: 0 });
    await expectExactlyOnce(h, expected);

    const stored = everything(c);
    expect(stored).toContain(world.peer.url);
    expect(stored).not.toContain(RIGHT);
    expect(stored).not.toContain(WRONG);
  });

  it('through the CLI: the token is read from stdin only, and neither the log lines of a refused run nor the database hold it', async () => {
    await peerWithToken();
    const dir = tempDir('pic-sync-cli-');
    const c = world.studio({ patients: 3, dataDir: dir });
    for (const id of patientIds(c)) registerWithoutCards(c, id, '2026-03-02');
    const queued = pending(c);
    await world.close(c);
    const env = { PIC_NOW: START, PIC_LOG_LEVEL: 'debug' };

    const onArgv = pic(['settings', 'set', 'centroServizi.token', WRONG, '--data-dir', dir], { env });
    expect(onArgv.status).not.toBe(0);
    expect(onArgv.stderr).toMatch(/standard input only/);
    const set = pic(['settings', 'set', 'centroServizi.token', '--stdin', '--json', '--data-dir', dir], { env, input: `${WRONG}\n` });
    expect(set.status).toBe(0);
    expect(set.json()).toMatchObject({ url: world.peer.url, hasToken: true });

    const run = await picAsync(['sync', 'run', '--json', '--data-dir', dir], { env });
    expect(run.status).toBe(1);
    expect(run.json()).toEqual({ pushed: 0, pulled: 0, conflicts: 0, needsAttention: 0, pending: queued, error: 'sync-unauthorized', message: expect.any(String) });
    // The debug level writes every line there is: none carries the token.
    expect(run.stderr).toMatch(/sync run stopped/);
    for (const out of [set.stdout, set.stderr, run.stdout, run.stderr]) expect(out).not.toContain(WRONG);
    expect(world.peer.requests.count({ status: 401 })).toBeGreaterThan(0);

    const reopened = world.studio({ dataDir: dir });
    expect(everything(reopened)).not.toContain(WRONG);
  });
});

describe('a record changed on both sides before our first send', () => {
  it("holds that patient's item as a conflict, and the others' still go whole, with the MMG and the Gestore they name", async () => {
    const c = studio();
    const h = harness(c);
    const withLetter = new Set(c.store.database.sqlite.prepare('SELECT patient_id FROM letters WHERE received_at IS NOT NULL').pluck().all() as number[]);
    const apart = patientIds(c).find((id) => !withLetter.has(id))!;
    const cf = c.store.patients.get(apart).codiceFiscale;
    // Another studio's copy of his record, written before ours ever went.
    await world.peer.repo.updateResource({ resourceType: 'Patient', id: ids.patient(cf), identifier: [{ system: 'http://hl7.org/fhir/sid/it-cf', value: cf }], gender: 'other' });
    const others = h.expected((row) => row.patientId !== apart);
    expect([...others.keys()].filter((k) => /^(Practitioner|Organization)\//.test(k))).toHaveLength(2);

    const r = await h.engine.runOnce();
    expect(r).toMatchObject({ error: null, conflicts: 1, needsAttention: 0, pending: 0 });
    expect(c.services.sync.status().conflicts).toEqual([expect.objectContaining({ patientId: apart, resourceType: 'Patient' })]);
    const onPeer = latest(await peerContents(world.peer));
    for (const [ref, content] of others) expect(onPeer.get(ref), ref).toBe(content);
  });
});
