import { useEffect, useState } from 'react';
import type { CallFilter, CallListEntry } from '../../../../shared/contract/calls';
import { useCall, useEvent } from '../../api';

export const PAGE_SIZE = 100;

/**
 * One page of the call-back queue as filtered: the entries last answered stay on screen while a
 * reload runs (no flicker), and the queue is asked again when patients or enrollments change.
 */
export function useCallQueue(filter: CallFilter, page: number) {
  const list = useCall('calls.list', { limit: PAGE_SIZE, offset: page * PAGE_SIZE, filter });
  const { reload } = list;
  const [entries, setEntries] = useState<CallListEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);

  useEvent('enrollments.changed', reload);
  useEvent('patients.changed', reload);

  useEffect(() => {
    if (!list.value) return;
    setEntries(list.value.entries);
    setTotal(list.value.total);
  }, [list.value]);

  return { entries, setEntries, total, error: list.error, loading: list.loading, reload };
}
