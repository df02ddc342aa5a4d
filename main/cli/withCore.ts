import { Core } from '../core';
import type { ParsedArgs } from './args';

/** Opens the core on --data-dir for one command and closes it afterwards, whatever happens. */
export async function withCore<T>(args: ParsedArgs, work: (core: Core) => T | Promise<T>): Promise<T> {
  const core = new Core({ dataDir: args.dataDir });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}
