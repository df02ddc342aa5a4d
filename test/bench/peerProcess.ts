import { parseSearchRequest } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { startCentroServizi } from '../peers/centroServizi';

/**
 * The sync benchmark's Centro Servizi, in a process of its own (dist/main/benchPeer.cjs, forked
 * by syncBench.ts): the server's work must not share a thread with the app's UI thread being
 * measured, nor with the bare client it is compared with. Speaks over the fork's IPC channel.
 */

export type ToPeer = { type: 'report' } | { type: 'stop' };
export type FromPeer = { type: 'ready'; url: string } | { type: 'report'; report: PeerReport };

export interface PeerReport {
  requests: number;
  /** Request body bytes received, all requests. */
  bytesIn: number;
  /** Transactions and batches posted to the base, and those refused (a 4xx: too many entries, a bad record). */
  bundles: number;
  refused: number;
  /** Transactions, batches, other requests: how many, and the milliseconds the server spent answering them. */
  byKind: Record<'transaction' | 'batch' | 'other', { requests: number; ms: number }>;
  /** CPU milliseconds the server's process spent since it was ready (user and system). */
  cpuMs: number;
  /** Resources stored, by type. */
  resources: Record<string, number>;
  /** Resources written more than once (a second version). */
  rewritten: number;
  /** Business identifiers (system|value) carried by more than one resource: records duplicated under other ids. */
  duplicateIdentifiers: number;
}

const TYPES = ['Practitioner', 'Organization', 'Patient', 'Condition', 'EpisodeOfCare', 'Consent', 'CarePlan', 'ServiceRequest', 'Appointment', 'Communication'];

async function main(): Promise<void> {
  const peer = await startCentroServizi();
  const send = (m: FromPeer) => process.send!(m);
  const cpuAtReady = process.cpuUsage();

  async function report(): Promise<PeerReport> {
    // Before the counting below, which is the report's work, not the server's.
    const cpu = process.cpuUsage(cpuAtReady);
    const resources: Record<string, number> = {};
    const owners = new Map<string, number>();
    let rewritten = 0;
    for (const type of TYPES) {
      const page = await peer.repo.search(parseSearchRequest(`${type}?_count=1000000`));
      const all = (page.entry ?? []).map((e) => e.resource as Resource & { identifier?: { system?: string; value?: string }[] });
      resources[type] = all.length;
      for (const r of all) {
        if ((await peer.repo.readHistory(type, r.id!)).entry!.length > 1) rewritten++;
        for (const i of r.identifier ?? []) if (i.value) owners.set(`${type}|${i.system}|${i.value}`, (owners.get(`${type}|${i.system}|${i.value}`) ?? 0) + 1);
      }
    }
    const posts = (r: { method: string; path: string }) => r.method === 'POST' && r.path === '';
    const byKind: PeerReport['byKind'] = { transaction: { requests: 0, ms: 0 }, batch: { requests: 0, ms: 0 }, other: { requests: 0, ms: 0 } };
    for (const r of peer.requests.entries) {
      const kind = byKind[r.bundle === 'transaction' || r.bundle === 'batch' ? r.bundle : 'other'];
      kind.requests++;
      kind.ms += r.durationMs;
    }
    for (const k of Object.values(byKind)) k.ms = Math.round(k.ms);
    return {
      byKind,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      requests: peer.requests.count(),
      bytesIn: peer.requests.bytesIn(),
      bundles: peer.requests.count(posts),
      refused: peer.requests.count((r) => posts(r) && (r.status ?? 0) >= 400),
      resources,
      rewritten,
      duplicateIdentifiers: [...owners.values()].filter((n) => n > 1).length,
    };
  }

  process.on('message', (m: ToPeer) => {
    if (m.type === 'report') void report().then((r) => send({ type: 'report', report: r }));
    else void peer.close().then(() => process.exit(0));
  });
  send({ type: 'ready', url: peer.url });
}

void main();
