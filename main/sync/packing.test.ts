import { describe, expect, it } from 'vitest';
import { packByPatient } from './packing';

interface Item {
  patient: number;
  refs: string[];
}

/** Patient `p`'s item naming the shared MMG, his record and `n` resources of his own. */
const item = (p: number, n: number, tag = 'x'): Item => ({ patient: p, refs: ['Practitioner/mmg', `Patient/${p}`, ...Array.from({ length: n }, (_, k) => `Condition/${p}-${tag}${k}`)] });
const pack = (items: Item[], max: number) => packByPatient(items, max, (i) => i.patient, (i) => i.refs);
const distinct = (bundle: Item[]) => new Set(bundle.flatMap((i) => i.refs)).size;

describe('packByPatient', () => {
  it('puts whole patients together up to the limit, counting a resource named twice once', () => {
    // Each patient names 5 distinct resources; the MMG is shared: 1 + 4 per patient.
    const items = [1, 2, 3, 4, 5].flatMap((p) => [item(p, 3, 'a'), { patient: p, refs: ['Practitioner/mmg', `Patient/${p}`] }]);
    const bundles = pack(items, 13);
    expect(bundles.map((b) => [...new Set(b.map((i) => i.patient))])).toEqual([[1, 2, 3], [4, 5]]);
    expect(bundles.map(distinct)).toEqual([13, 9]);
  });

  it('keeps the queue order, a patient\'s items together even when they were apart in the queue', () => {
    const items = [item(1, 1, 'a'), item(2, 1), item(1, 1, 'b')];
    expect(pack(items, 50)).toEqual([[items[0], items[2], items[1]]]);
  });

  it('splits a patient above the limit between his items, in order, and sends an item above it alone', () => {
    const items = [item(1, 2), item(2, 4, 'a'), item(2, 4, 'b'), item(2, 20, 'c'), item(2, 1, 'd'), item(3, 1)];
    const bundles = pack(items, 10);
    expect(bundles).toEqual([[items[0]], [items[1], items[2]], [items[3]], [items[4], items[5]]]);
    expect(bundles.map(distinct)).toEqual([4, 10, 22, 5]);
  });

  it('makes nothing of nothing', () => {
    expect(pack([], 50)).toEqual([]);
  });
});
