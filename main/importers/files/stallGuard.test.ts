import { describe, expect, it } from 'vitest';
import { StallGuard } from './stallGuard';

const stalled = () => new Error('bloccato');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Yields `values` after `delays[i]` ms each, then waits forever if `hang`. */
async function* source(values: number[], delays: number[], hang = false, closed?: { done: boolean }) {
  try {
    for (const [i, v] of values.entries()) {
      await sleep(delays[i] ?? 0);
      yield v;
    }
    if (hang) await new Promise(() => {});
  } finally {
    if (closed) closed.done = true;
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('stall guard', () => {
  it('passes a source that answers in time through, closing it when the consumer stops', async () => {
    const guard = new StallGuard(100, stalled);
    expect(await collect(guard.watch(source([1, 2, 3], [10, 10, 10])))).toEqual([1, 2, 3]);
    const closed = { done: false };
    for await (const v of guard.watch(source([1, 2, 3], [0, 0, 0], false, closed))) if (v === 2) break;
    expect(closed.done).toBe(true);
  });

  it('fails a source that stops answering, after the limit', async () => {
    const guard = new StallGuard(50, stalled);
    const seen: number[] = [];
    const started = performance.now();
    await expect(
      (async () => {
        for await (const v of guard.watch(source([1], [0], true))) seen.push(v);
      })(),
    ).rejects.toThrow('bloccato');
    expect(seen).toEqual([1]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('does not count the time the consumer takes between steps', async () => {
    const guard = new StallGuard(50, stalled);
    const seen: number[] = [];
    for await (const v of guard.watch(source([1, 2], [0, 0]))) {
      seen.push(v);
      await sleep(120);
    }
    expect(seen).toEqual([1, 2]);
  });

  it('starts the wait over at each touch', async () => {
    const guard = new StallGuard(50, stalled);
    const ticker = setInterval(() => guard.touch(), 10);
    try {
      expect(await collect(guard.watch(source([1], [150])))).toEqual([1]);
    } finally {
      clearInterval(ticker);
    }
  });

  it('fails the current and later steps at once with the error given to fail()', async () => {
    const guard = new StallGuard(60_000, stalled);
    setTimeout(() => guard.fail(new Error('dati compressi illeggibili')), 10);
    await expect(collect(guard.watch(source([], [], true)))).rejects.toThrow('dati compressi illeggibili');
    await expect(collect(guard.watch(source([1], [0])))).rejects.toThrow('dati compressi illeggibili');
  });

  it('passes the errors of the source through', async () => {
    const guard = new StallGuard(100, stalled);
    async function* failing() {
      yield 1;
      throw new Error('foglio illeggibile');
    }
    await expect(collect(guard.watch(failing()))).rejects.toThrow('foglio illeggibile');
  });
});
