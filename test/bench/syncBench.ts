import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { clockStartingAt } from '../../main/clock';
import { Core } from '../../main/core';
import { syncWorkerFile } from '../../main/paths';
import { fileKeyStore } from '../../main/store/keys';
import { fileSecretStore } from '../../main/store/secrets';
import { createSyncBridge } from '../../main/sync/bridge';
import { refOf, transaction } from '../../main/sync/resources';
import { WorkerRunner } from '../../main/sync/runners';
import { SyncSettings } from '../../main/sync/syncSettings';
import { writeSyncState } from '../../main/sync/syncState';
import { queueEnrolledPatients } from '../support/syncQueue';
import type { FromPeer, PeerReport, ToPeer } from './peerProcess';

/**
 * The drain of a studio's first sync (issue 14): 1,000 enrolled patients, each with his patient
 * record, enrollment, two consents, an active PAI and two bookings queued, sent by the engine as
 * the app runs it (the worker thread, its own connection) to a Centro Servizi on loopback, against
 * a bare client posting the same transaction bundles with plain fetch to another, fresh one, in
 * the same run: each alone (the ratio), then each while the UI thread searches patients (the
 * search latency against idle, and the ratio under the same load). The control: the searches
 * while a server works for the bare client, what sharing the machine's cores costs, the engine apart.
 * Targets: drain <= 1.3x bare; search p99 during the drain <= 2x idle; no duplicate on the server.
 */

const PATIENTS = Number(process.env.BENCH_SYNC_PATIENTS ?? 1000);
/** Each round drains a copy of the same archive: the figures are the rounds' medians, this machine's noise being what it is. */
const ROUNDS = Number(process.env.BENCH_SYNC_ROUNDS ?? 3);
/** The peer's own limit on a transaction's updates (HAPI and Medplum servers have one too). */
const MAX_ENTRIES = 50;
/** The bench's fixed day: the figures must not depend on the day it runs. */
const NOW = '2026-06-15T08:00:00Z';
const GESTORE = { code: 'COOP-MILANO-CENTRO', name: 'Cooperativa Medici Milano Centro' };
const MMG = { codiceFiscale: 'BNCGLI75A41F205I', name: 'BIANCHI GIULIA' };
/** What a secretary types in the Pazienti page: the first letters of common surnames. */
const SEARCHES = ['ros', 'bia', 'fer', 'col', 'ric', 'mar', 'esp', 'rus', 'gal', 'con', 'bru', 'gre'];
const IDLE_SEARCHES = 3000;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

interface Peer {
  url: string;
  report(): Promise<PeerReport>;
  stop(): Promise<void>;
}

/** A Centro Servizi in its own process (peerProcess.ts). */
async function startPeer(): Promise<Peer> {
  const child: ChildProcess = fork(path.join(__dirname, 'benchPeer.cjs'), [], { env: { ...process.env, PIC_LOG_LEVEL: 'error' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<FromPeer>((resolve) => child.once('message', (m: FromPeer) => resolve(m)));
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('bench peer did not start');
  const ask = (m: ToPeer) => child.send(m);
  return {
    url: ready.url,
    async report() {
      const answer = next();
      ask({ type: 'report' });
      const m = await answer;
      if (m.type !== 'report') throw new Error('bench peer answered out of turn');
      return m.report;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        ask({ type: 'stop' });
      }),
  };
}

/**
 * The bundles a bare client would post: every queued item's resources once (the shared MMG and
 * Gestore in the first), whole patients per transaction up to the server's limit, PUT to the
 * same client-derived ids, no If-Match, no reads, no bookkeeping.
 */
function bareBundles(core: Core): Bundle[] {
  const settings = new SyncSettings(core.store.settings, { read: () => null, write: () => undefined }, 'bench');
  const bridge = createSyncBridge(core.store, core.clock, settings);
  const byPatient = new Map<number, Map<string, Resource>>();
  const seen = new Set<string>();
  const rows = core.store.outbox.due(1_000_000);
  bridge.build(rows).forEach((built, k) => {
    const row = rows[k]!;
    const mine = byPatient.get(row.patientId) ?? new Map<string, Resource>();
    byPatient.set(row.patientId, mine);
    for (const r of built ?? []) {
      const ref = refOf(r);
      if (seen.has(ref) && !mine.has(ref)) continue;
      seen.add(ref);
      mine.set(ref, r);
    }
  });
  const bundles: Bundle[] = [];
  let current: Resource[] = [];
  for (const resources of byPatient.values()) {
    if (current.length + resources.size > MAX_ENTRIES) {
      bundles.push(transaction(current.map((r) => ({ resource: r, request: { method: 'PUT', url: refOf(r) } }))));
      current = [];
    }
    current.push(...resources.values());
  }
  if (current.length) bundles.push(transaction(current.map((r) => ({ resource: r, request: { method: 'PUT', url: refOf(r) } }))));
  return bundles;
}

async function postAll(url: string, bundles: Bundle[]): Promise<void> {
  for (const b of bundles) {
    // Asking, as the engine does, for the versions written and not the resources back.
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json', prefer: 'return=minimal' }, body: JSON.stringify(b) });
    if (res.status !== 200) throw new Error(`bare transaction refused: HTTP ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
}

/**
 * Patient searches on the UI thread until `until` settles (or `count` of them): each one's
 * milliseconds. `between` runs after each search, outside its time.
 */
async function searchLoop(core: Core, stop: { done: boolean } | { count: number }, between?: (i: number) => void): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; 'done' in stop ? !stop.done : i < stop.count; i++) {
    const t = performance.now();
    core.services.patients.search(SEARCHES[i % SEARCHES.length]!);
    latencies.push(performance.now() - t);
    between?.(i);
    // The UI thread answers a call, then serves whatever else is waiting: so does the loop.
    await yieldToLoop();
  }
  return latencies;
}

interface Drain {
  /** To an empty outbox, as the status bar sees it on the UI's connection. */
  drainMs: number;
  /** With the pull that ends the run (the first one: everything the server holds for the studio). */
  runMs: number;
  /** CPU milliseconds of the worker thread during its run. */
  workerBusyMs: number;
  /** The UI thread's searches meanwhile (none when the drain runs alone). */
  during: number[];
  result: Awaited<ReturnType<WorkerRunner['run']>>;
  report: PeerReport;
}

interface Round {
  alone: Drain;
  searched: Drain;
  bareMs: number;
  /** CPU milliseconds of the bare client (the UI thread, alone). */
  bareClientMs: number;
  bareSearchedMs: number;
  idle: number[];
  duringBare: number[];
  bareReport: PeerReport;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function openCore(scratch: string, dataDir: string): Core {
  return new Core({ dataDir, clock: clockStartingAt(new Date(NOW)), keys: fileKeyStore(path.join(scratch, 'keys')), secrets: fileSecretStore(path.join(scratch, 'keys')) });
}

/**
 * The engine's drain of the archive `core` holds to a fresh Centro Servizi, run as the app runs
 * it (the worker thread, its own connection); with the UI thread searching meanwhile, or alone.
 */
async function drain(core: Core, searching: boolean): Promise<Drain> {
  const peer = await startPeer();
  try {
    core.services.sync.configure({ url: peer.url }, null);
    // The worker's timer must not start the drain before it is timed: the next run is set far ahead.
    writeSyncState(core.store.settings, { nextRunAt: new Date(core.clock.now().getTime() + 24 * 3_600_000).toISOString() });
    const runner = new WorkerRunner(syncWorkerFile(), { dataDir: core.dataDir, keyHex: core.store.database.key.toString('hex'), clockOffsetMs: core.clock.now().getTime() - Date.now(), token: null, intervalMs: 3_600_000 }, () => undefined);
    core.services.sync.attach(runner);
    // The worker opening its connection is the app's start, not the drain.
    await sleep(1_000);
    const stop = { done: false };
    const busyBefore = runner.busyMs();
    const t = performance.now();
    const drained = runner.run().finally(() => (stop.done = true));
    let emptyMs: number | null = null;
    const noteEmpty = () => {
      if (emptyMs === null && core.store.outbox.counts().every((c) => c.status !== 'pending' || c.n === 0)) emptyMs = performance.now() - t;
    };
    let during: number[] = [];
    if (searching) during = await searchLoop(core, stop, (i) => i % 100 === 0 && noteEmpty());
    else while (!stop.done) await sleep(20).then(noteEmpty);
    const result = await drained;
    const runMs = performance.now() - t;
    return { drainMs: emptyMs ?? runMs, runMs, workerBusyMs: runner.busyMs() - busyBefore, during, result, report: await peer.report() };
  } finally {
    await peer.stop();
  }
}

/**
 * One round, on two copies of the seeded archive, each drain and each bare run with a fresh
 * Centro Servizi: the bare client alone and the engine alone (the ratio); then the searches idle,
 * the bare client again while the UI thread searches, and the engine's drain while it searches the
 * same way (the latency, and the ratio under the same load).
 */
async function runRound(scratch: string, seeded: string, k: number, bundles: Bundle[]): Promise<Round> {
  const copies = [path.join(scratch, `round-${k}-alone`), path.join(scratch, `round-${k}-searched`)];
  for (const dir of copies) fs.cpSync(seeded, dir, { recursive: true });
  const [bareSide, controlSide] = [await startPeer(), await startPeer()];
  try {
    let t = performance.now();
    const elu = performance.eventLoopUtilization();
    await postAll(bareSide.url, bundles);
    const bareMs = performance.now() - t;
    const bareClientMs = performance.eventLoopUtilization(elu).active;

    let core = openCore(scratch, copies[0]!);
    let alone: Drain;
    try {
      alone = await drain(core, false);
    } finally {
      await core.close();
    }

    core = openCore(scratch, copies[1]!);
    try {
      const idle = await searchLoop(core, { count: IDLE_SEARCHES });
      // The control: the same searches while a server works as hard for the bare client (on
      // another peer): what the machine's cores shared with a server cost the UI thread, the engine apart.
      const bareDone = { done: false };
      t = performance.now();
      const bareAgain = postAll(controlSide.url, bundles).finally(() => (bareDone.done = true));
      const duringBare = await searchLoop(core, bareDone);
      await bareAgain;
      const bareSearchedMs = performance.now() - t;
      const searched = await drain(core, true);
      return { alone, searched, bareMs, bareClientMs, bareSearchedMs, idle, duringBare, bareReport: await bareSide.report() };
    } finally {
      await core.close();
    }
  } finally {
    for (const peer of [bareSide, controlSide]) await peer.stop();
    for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSyncBench(): Promise<unknown> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-bench-sync-'));
  const seeded = path.join(scratch, 'seeded');
  try {
    const seedStart = performance.now();
    const core = new Core({ dataDir: seeded, createAs: 'demo', clock: clockStartingAt(new Date(NOW)), keys: fileKeyStore(path.join(scratch, 'keys')), secrets: fileSecretStore(path.join(scratch, 'keys')) });
    let items: number;
    let bundles: Bundle[];
    try {
      core.services.demoSeed.seed(PATIENTS, 7);
      core.store.settings.set('studio', { gestore: GESTORE.name, mmg: `dott. ${MMG.name}`, address: 'Via Roma 1, Milano', phone: '02 1234567' });
      core.store.operators.put(MMG.codiceFiscale, MMG.name, 'mmg', NOW);
      core.services.sync.configure({ url: 'http://127.0.0.1:1/fhir', gestoreCode: GESTORE.code }, null);
      queueEnrolledPatients(core.store, core.store.database.sqlite.prepare('SELECT id FROM patients ORDER BY id').pluck().all() as number[], { now: NOW, gestore: GESTORE.name, mmgCf: MMG.codiceFiscale });
      items = core.services.sync.status().pendingTotal;
      bundles = bareBundles(core);
    } finally {
      await core.close();
    }
    const seedMs = performance.now() - seedStart;
    const entries = bundles.reduce((n, b) => n + (b.entry?.length ?? 0), 0);

    const rounds: Round[] = [];
    for (let k = 0; k < ROUNDS; k++) rounds.push(await runRound(scratch, seeded, k, bundles));

    const last = rounds.at(-1)!;
    const drains = rounds.flatMap((r) => [r.alone, r.searched]);
    const onPeer = (d: Drain) => Object.values(d.report.resources).reduce((a, b) => a + b, 0);
    const ms = (xs: number[]) => xs.map(Math.round);
    const figures = {
      patients: PATIENTS,
      items,
      rounds: ROUNDS,
      seedSeconds: round(seedMs / 1000),
      bareMs: ms(rounds.map((r) => r.bareMs)),
      drainMs: ms(rounds.map((r) => r.alone.drainMs)),
      runMs: ms(rounds.map((r) => r.alone.runMs)),
      ratio: round(median(rounds.map((r) => r.alone.drainMs / r.bareMs))),
      ratioTarget: '<= 1.3x',
      bareSearchedMs: ms(rounds.map((r) => r.bareSearchedMs)),
      drainSearchedMs: ms(rounds.map((r) => r.searched.drainMs)),
      ratioSameLoad: round(median(rounds.map((r) => r.searched.drainMs / r.bareSearchedMs))),
      cpuMs: {
        engineWorker: Math.round(median(rounds.map((r) => r.alone.workerBusyMs))),
        engineServer: Math.round(median(rounds.map((r) => r.alone.report.cpuMs))),
        bareClient: Math.round(median(rounds.map((r) => r.bareClientMs))),
        bareServer: Math.round(median(rounds.map((r) => r.bareReport.cpuMs))),
      },
      engine: { requests: last.alone.result.requests, requestsPerPatient: round(last.alone.result.requests / PATIENTS), bytesSentPerPatient: Math.round(last.alone.report.bytesIn / PATIENTS), bundles: last.alone.report.bundles, refusedBundles: last.alone.report.refused, server: last.alone.report.byKind },
      bare: { requests: last.bareReport.requests, requestsPerPatient: round(last.bareReport.requests / PATIENTS), bytesSentPerPatient: Math.round(last.bareReport.bytesIn / PATIENTS), server: last.bareReport.byKind },
      resourcesOnPeer: drains.map(onPeer),
      resourcesExpected: entries,
      sameResourcesAsBare: rounds.every((r) => [r.alone, r.searched].every((d) => JSON.stringify(d.report.resources) === JSON.stringify(r.bareReport.resources))),
      duplicates: Math.max(...rounds.flatMap((r) => [r.alone, r.searched].map((d) => d.report.duplicateIdentifiers - r.bareReport.duplicateIdentifiers + Math.abs(onPeer(d) - entries)))),
      rewritten: Math.max(...drains.map((d) => d.report.rewritten)),
      left: drains.map((d) => ({ pending: d.result.pending, error: d.result.error })),
      searchIdleP99Ms: round(median(rounds.map((r) => p99(r.idle))), 3),
      searchDuringP99Ms: round(median(rounds.map((r) => p99(r.searched.during))), 3),
      searchDuringBareP99Ms: round(median(rounds.map((r) => p99(r.duringBare))), 3),
      searchTarget: '<= 2x idle',
    };
    const drained = drains.every((d) => d.result.pending === 0 && d.result.error === null);
    const pass = figures.ratio <= 1.3 && figures.searchDuringP99Ms <= 2 * figures.searchIdleP99Ms && figures.duplicates === 0 && figures.rewritten === 0 && drained;
    const list = (xs: number[]) => xs.join(', ');
    console.log(`Sync drain, ${PATIENTS} patients, ${items} items (${entries} resources in ${bundles.length} bare transactions of <= ${MAX_ENTRIES}), ${ROUNDS} rounds (medians)`);
    console.log(`  bare fetch alone: ${list(figures.bareMs)} ms`);
    console.log(`  engine (worker thread) alone, to an empty outbox: ${list(figures.drainMs)} ms (with the pull that ends the run: ${list(figures.runMs)} ms)   ratio ${figures.ratio}x (target <= 1.3x)`);
    console.log(`  while the UI thread searches: bare ${list(figures.bareSearchedMs)} ms, engine ${list(figures.drainSearchedMs)} ms   ratio under the same load ${figures.ratioSameLoad}x`);
    console.log(`  requests per patient: engine ${figures.engine.requestsPerPatient}, bare ${figures.bare.requestsPerPatient}   bytes sent per patient: engine ${figures.engine.bytesSentPerPatient}, bare ${figures.bare.bytesSentPerPatient}`);
    console.log(`  CPU, alone (medians): the engine's worker thread ${figures.cpuMs.engineWorker} ms and its server ${figures.cpuMs.engineServer} ms (the whole run, with the pull); the bare client ${figures.cpuMs.bareClient} ms and its server ${figures.cpuMs.bareServer} ms`);
    const busy = (r: PeerReport) => Object.entries(r.byKind).map(([k, v]) => `${k} ${v.requests} in ${v.ms} ms`).join(', ');
    console.log(`  the server answering (last round, alone): engine's ${busy(last.alone.report)}; bare's ${busy(last.bareReport)}`);
    console.log(`  engine bundles ${last.alone.report.bundles} (${last.alone.report.refused} refused)   on the peer ${list(figures.resourcesOnPeer)} resources (expected ${entries}), duplicates ${figures.duplicates}, rewritten ${figures.rewritten}`);
    console.log(`  patients.search p99: idle ${figures.searchIdleP99Ms} ms, during the drain ${figures.searchDuringP99Ms} ms (target <= 2x idle), during the bare client's ${figures.searchDuringBareP99Ms} ms   ${pass ? 'OK' : 'FAIL'}`);
    return { ...figures, pass };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
