import v8 from 'node:v8';
import vm from 'node:vm';

const MIB = 1024 * 1024;

/** How far the heap may grow above what it held when the run started before it is collected. */
export const HEAP_HEADROOM_BYTES = 48 * MIB;

type Collect = () => void;

/**
 * V8 sizes its old generation for the machine (gigabytes on a studio PC) and lets the garbage of
 * a long import pile up far beyond the few tens of megabytes the import really holds: a
 * five-million-row list then peaks well over its memory budget although nothing leaks. Between
 * batches, a heap that outgrew its headroom is collected in full, which keeps the resident memory
 * of any list size bounded at the cost of a few tens of milliseconds per collection.
 */
export class HeapBudget {
  private readonly limit: number;
  private collections = 0;

  constructor(
    headroomBytes = HEAP_HEADROOM_BYTES,
    private readonly used: () => number = () => v8.getHeapStatistics().used_heap_size,
    private readonly collect: Collect = fullCollection(),
  ) {
    this.limit = this.used() + headroomBytes;
  }

  /** Collects the garbage if the heap is over budget; true when it did. */
  check(): boolean {
    if (this.used() <= this.limit) return false;
    this.collect();
    this.collections++;
    return true;
  }

  get collected(): number {
    return this.collections;
  }
}

/**
 * Node offers a full collection only behind --expose-gc, which neither the CLI's users nor
 * Electron's main process are started with; the flag can be turned on at run time, and a fresh
 * context then carries the `gc` function (the same way test runners measure leaks).
 */
function fullCollection(): Collect {
  const exposed = (globalThis as { gc?: Collect }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as Collect;
}
