import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../shared/contract/sync';
import { useCall, useEvent } from './api';

/**
 * The sync's state as the core last told it: asked once, then pushed whole by `sync.changed`
 * after each run of the worker and each change of what waits. `set` takes the answer of a
 * retry or a choice at once, before its push arrives.
 */
export function useSyncStatus() {
  const asked = useCall('sync.status', {});
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    if (asked.value) setStatus(asked.value);
  }, [asked.value]);
  useEvent('sync.changed', setStatus);
  return { status, error: status ? null : asked.error, reload: asked.reload, set: setStatus };
}
