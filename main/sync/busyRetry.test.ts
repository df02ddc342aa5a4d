import { describe, expect, it } from 'vitest';
import { retryWhileBusy } from './busyRetry';
import { ServerBusyError, ServerFailedError } from './errors';

/** A send that fails with `errors` in turn, then answers 'ok'; with the waits it was made to do. */
function scripted(errors: Error[]) {
  const waits: number[] = [];
  let sends = 0;
  const send = async () => {
    const err = errors[sends++];
    if (err) throw err;
    return 'ok';
  };
  return { send, waits, sends: () => sends, patience: { wait: async (ms: number) => void waits.push(ms), maxWaitMs: 30_000 } };
}

describe('retryWhileBusy', () => {
  it('waits the Retry-After asked, else a doubling second, and sends again', async () => {
    const s = scripted([new ServerBusyError(429, 7_000), new ServerBusyError(504, null), new ServerBusyError(503, null)]);
    expect(await retryWhileBusy(s.send, s.patience)).toBe('ok');
    expect(s.waits).toEqual([7_000, 2_000, 4_000]);
    expect(s.sends()).toBe(4);
  });

  it('gives up after five waits, and at once on a wait longer than it may or on anything but busy', async () => {
    const busy = scripted(Array.from({ length: 6 }, () => new ServerBusyError(503, 1_000)));
    await expect(retryWhileBusy(busy.send, busy.patience)).rejects.toBeInstanceOf(ServerBusyError);
    expect(busy.waits).toHaveLength(5);
    const long = scripted([new ServerBusyError(429, 31_000)]);
    await expect(retryWhileBusy(long.send, long.patience)).rejects.toMatchObject({ retryAfterMs: 31_000 });
    expect(long.waits).toEqual([]);
    const failed = scripted([new ServerFailedError(500, 'boom')]);
    await expect(retryWhileBusy(failed.send, failed.patience)).rejects.toBeInstanceOf(ServerFailedError);
    expect(failed.sends()).toBe(1);
  });
});
