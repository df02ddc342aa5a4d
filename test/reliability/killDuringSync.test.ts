import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openExistingDatabase } from '../../main/store/database';
import { createSyncBridge } from '../../main/sync/bridge';
import { SyncSettings } from '../../main/sync/syncSettings';
import { startCentroServizi, type CentroServizi } from '../peers/centroServizi';
import type { RequestLine } from '../peers/faults';
import { CLI, picAsync } from '../support/cli';
import { expectedOnPeer, latest, peerContents } from '../support/peerContents';
import { patientIds, registerWithoutCards, syncStudio } from '../support/syncStudio';
import { isTransaction, writesEpisode } from '../support/requestMatchers';
import { tempDir } from '../support/tempDir';
import { waitFor } from '../support/waitFor';

/**
 * `kill -9` of `pic sync run` while the Centro Servizi is still working on what it sent: the
 * server finishes the request for a client that is gone; the next run must find that out and
 * send nothing twice.
 */

const NOW = '2026-03-02T08:00:00Z';
const TOKEN = 'cs-token-kill-9-5e1d';
const env = { PIC_NOW: NOW };
let peer: CentroServizi;

beforeEach(async () => {
  peer = await startCentroServizi({ token: TOKEN });
});
afterEach(async () => {
  await peer.close();
});

/**
 * A studio's data folder as the app leaves it (studio settings, its MMG, six registered patients,
 * the demo's letters), its Centro Servizi set through the CLI; with what the outbox should leave
 * on the server, by `Type/id`.
 */
async function preparedFolder(): Promise<{ dir: string; expected: Map<string, string>; queued: number }> {
  const dir = tempDir('pic-sync-kill-');
  const now = new Date(NOW);
  const c = syncStudio({ now: () => now, url: 'http://127.0.0.1:1/fhir', patients: 6, dataDir: dir });
  for (const id of patientIds(c)) registerWithoutCards(c, id, '2026-03-02');
  const settings = new SyncSettings(c.store.settings, { read: () => null, write: () => undefined }, 'expected');
  const expected = expectedOnPeer(c.store, createSyncBridge(c.store, c.clock, settings).build);
  const queued = c.services.sync.status().pendingTotal;
  await c.close();

  const refused = await picAsync(['settings', 'set', 'centroServizi.url', 'http://centro-servizi.example.it/fhir', '--json', '--data-dir', dir], { env });
  expect(refused.status).not.toBe(0);
  expect(refused.json()).toMatchObject({ error: 'sync-insecure-url' });
  const url = await picAsync(['settings', 'set', 'centroServizi.url', peer.url, '--json', '--data-dir', dir], { env });
  expect(url.json()).toMatchObject({ url: peer.url, hasToken: false });
  const token = await picAsync(['settings', 'set', 'centroServizi.token', '--stdin', '--json', '--data-dir', dir], { env, input: `${TOKEN}\n` });
  expect(token.json()).toMatchObject({ url: peer.url, hasToken: true });
  return { dir, expected, queued };
}

const outboxRows = (dir: string): number => {
  const db = openExistingDatabase(dir, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
  } finally {
    db.close();
  }
};

/** What the peer holds per type, against what the outbox built: one resource per business id. */
async function countsByType(expected: Map<string, string>): Promise<{ peer: Record<string, number>; expected: Record<string, number> }> {
  const byType = (refs: Iterable<string>) => {
    const out: Record<string, number> = {};
    for (const ref of refs) out[ref.split('/')[0]!] = (out[ref.split('/')[0]!] ?? 0) + 1;
    return out;
  };
  const types = Object.keys(byType(expected.keys()));
  const onPeer: Record<string, number> = {};
  for (const t of types) onPeer[t] = await peer.count(t);
  return { peer: onPeer, expected: byType(expected.keys()) };
}


describe('pic sync run killed with SIGKILL', () => {
  it.each([
    ['the transaction of the records', isTransaction],
    ['the claims of the EpisodeOfCare', (r: RequestLine) => writesEpisode(r)],
  ])('mid-request (%s, the server finishing it after the client is gone): the next run sends every item, nothing twice', async (_what, which) => {
    const { dir, expected, queued } = await preparedFolder();
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    // The peer holds the request 1.5 s, then writes it: the CLI is killed in between.
    peer.faults.inject({ kind: 'slow', ms: 1_500 }, { matches: (r) => which(r) && (arrived(), true) });
    const child = spawn(process.execPath, [CLI, 'sync', 'run', '--json', '--data-dir', dir], { stdio: 'ignore', env: { ...process.env, PIC_LOG_LEVEL: 'error', ...env } });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await inFlight;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await waitFor(() => peer.requests.count({ fault: 'slow' }) === 1, 'the peer finishing the request of the killed CLI');
    expect(peer.requests.entries.find((r) => r.fault === 'slow')).toMatchObject({ status: 200 });
    expect(outboxRows(dir)).toBe(queued);

    const again = await picAsync(['sync', 'run', '--json', '--data-dir', dir], { env });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.json()).toEqual({ pushed: queued, pulled: 0, conflicts: 0, needsAttention: 0, pending: 0 });
    expect(outboxRows(dir)).toBe(0);
    const counts = await countsByType(expected);
    expect(counts.peer).toEqual(counts.expected);
    const contents = await peerContents(peer);
    expect(latest(contents)).toEqual(expected);
    // Read back, not sent again: one version of each.
    expect([...contents].filter(([, versions]) => versions.length !== 1)).toEqual([]);

    const status = await picAsync(['sync', 'status', '--json', '--data-dir', dir], { env });
    expect(status.status).toBe(0);
    expect(status.json()).toMatchObject({ configured: true, url: peer.url, online: true, running: false, lastError: null, nextRunAt: null, lastSuccessAt: expect.any(String), pending: [], pendingTotal: 0, attention: [], conflicts: [] });
  }, 60_000);
});
