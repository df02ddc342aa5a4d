import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { HeapBudget } from './heapBudget';

describe('HeapBudget', () => {
  it('collects only once the heap outgrew its headroom over the starting size', () => {
    let used = 100;
    let collections = 0;
    const budget = new HeapBudget(50, () => used, () => {
      collections++;
      used = 110;
    });
    used = 150;
    expect(budget.check()).toBe(false);
    used = 151;
    expect(budget.check()).toBe(true);
    expect(used).toBe(110);
    expect(budget.check()).toBe(false);
    expect(collections).toBe(1);
    expect(budget.collected).toBe(1);
  });

  it('reaches a real full collection without --expose-gc', () => {
    const budget = new HeapBudget(0);
    // Garbage the size of a few batches of rows: an over-budget heap is collected for real.
    let garbage: string[] | null = Array.from({ length: 200_000 }, (_, i) => `riga ${i};ROSSI;MARIO`);
    expect(garbage.length).toBe(200_000);
    garbage = null;
    const before = v8.getHeapStatistics().used_heap_size;
    expect(budget.check()).toBe(true);
    expect(budget.collected).toBe(1);
    expect(v8.getHeapStatistics().used_heap_size).toBeLessThan(before - 5 * 1024 * 1024);
  });
});
