import { z } from 'zod';
import type { SettingsStore } from '../store/settingsStore';

/** What the worker last knew of the Centro Servizi, for the UI and for its own next run. */
export const SyncStateSchema = z.object({
  /** null until the first attempt. */
  online: z.boolean().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Consecutive failed runs: the backoff grows with them. */
  failures: z.number().int().min(0),
  /** Not before this instant (backoff, or the Retry-After the server asked). */
  nextRunAt: z.string().nullable(),
  /** Per resource type, the newest `meta.lastUpdated` pulled. */
  cursors: z.record(z.string(), z.string()),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

const KEY = 'sync.state';
const INITIAL: SyncState = { online: null, lastAttemptAt: null, lastSuccessAt: null, lastError: null, failures: 0, nextRunAt: null, cursors: {} };

export function readSyncState(settings: SettingsStore): SyncState {
  return settings.get(KEY, SyncStateSchema) ?? INITIAL;
}

export function writeSyncState(settings: SettingsStore, change: Partial<SyncState>): SyncState {
  const next = { ...readSyncState(settings), ...change };
  settings.set(KEY, next);
  return next;
}

const BASE_MS = 5_000;
const MAX_MS = 10 * 60_000;

/** Exponential with full jitter: many studios coming back online at once do not hammer the server together. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
