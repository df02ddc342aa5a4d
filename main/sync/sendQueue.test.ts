import { describe, expect, it } from 'vitest';
import { SendQueue } from './sendQueue';

const settled = async <T>(p: Promise<T>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('SendQueue', () => {
  it('gives a bundle naming a patient of an earlier one only once that one is answered; the others at once', async () => {
    const q = new SendQueue<string>(10);
    q.put('a: patients 1, 2', [1, 2]);
    q.put('b: patient 2', [2]);
    q.put('c: patient 3', [3]);
    const a = await q.take();
    const b = q.take();
    expect(await settled(b)).toBe(false);
    const c = q.take();
    // b waits for a; c, of another patient, goes meanwhile.
    expect(await settled(c)).toBe(true);
    a!.answered();
    expect((await b)!.value).toBe('b: patient 2');
    expect((await c)!.value).toBe('c: patient 3');
  });

  it('makes the preparing side wait while `ahead` bundles are ready, and ends the takers once closed and empty', async () => {
    const q = new SendQueue<number>(2);
    q.put(1, [1]);
    q.put(2, [2]);
    const room = q.hasRoom();
    expect(await settled(room)).toBe(false);
    (await q.take())!.answered();
    expect(await settled(room)).toBe(true);
    const waiting = q.take();
    const idle = q.take();
    expect((await waiting)!.value).toBe(2);
    expect(await settled(idle)).toBe(false);
    q.close();
    expect(await idle).toBeNull();
  });

  it("tells when a patient's bundles put so far are all answered", async () => {
    const q = new SendQueue<string>(10);
    q.put('a', [1]);
    q.put('b', [1, 2]);
    expect(await settled(q.answeredFor([3]))).toBe(true);
    const two = q.answeredFor([2]);
    const a = await q.take();
    a!.answered();
    expect(await settled(two)).toBe(false);
    (await q.take())!.answered();
    expect(await settled(two)).toBe(true);
  });

  it('answers for the bundles it drops when the run stops, so that nobody waits for them', async () => {
    const q = new SendQueue<string>(10);
    q.put('a', [1]);
    q.put('b', [1]);
    const one = q.answeredFor([1]);
    const taken = await q.take();
    q.abandon();
    taken!.answered();
    expect(await settled(one)).toBe(true);
    expect(await q.take()).toBeNull();
  });
});
