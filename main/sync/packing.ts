/**
 * Items in bundles for the server, in queue order: whole patients together, so that no bundle
 * names more than `max` distinct resources (a server limits a transaction's entries: Medplum to
 * 50). A patient above the limit alone is split between his items, in order; an item above it
 * alone goes alone, for the server to judge.
 */
export function packByPatient<T>(items: readonly T[], max: number, patientOf: (item: T) => number, refsOf: (item: T) => readonly string[]): T[][] {
  const byPatient = new Map<number, T[]>();
  for (const item of items) {
    const p = patientOf(item);
    if (!byPatient.has(p)) byPatient.set(p, []);
    byPatient.get(p)!.push(item);
  }
  const bundles: T[][] = [];
  let current: T[] = [];
  let refs = new Set<string>();
  const close = () => {
    if (current.length) bundles.push(current);
    current = [];
    refs = new Set();
  };
  // Counted without copying the bundle's refs: a read's packing tries every patient against them.
  const fits = (more: Iterable<string>) => {
    const added = new Set<string>();
    for (const r of more) if (!refs.has(r)) added.add(r);
    return refs.size + added.size <= max;
  };
  const add = (group: T[]) => {
    current.push(...group);
    for (const item of group) for (const r of refsOf(item)) refs.add(r);
  };
  for (const group of byPatient.values()) {
    const own = group.flatMap(refsOf);
    if (fits(own)) {
      add(group);
      continue;
    }
    close();
    if (new Set(own).size <= max) {
      add(group);
      continue;
    }
    for (const item of group) {
      if (!fits(refsOf(item))) close();
      add([item]);
    }
  }
  close();
  return bundles;
}
