import type { Core } from '../core';
import { openCore } from '../openCore';
import type { ParsedArgs } from './args';

/**
 * Opens the core on --data-dir for one command and closes it afterwards, whatever happens.
 * `demo`: the command works on a demo's folder (creating one if the folder is new).
 */
export async function withCore<T>(args: ParsedArgs, work: (core: Core) => T | Promise<T>, options: { demo?: boolean } = {}): Promise<T> {
  const core = openCore({ dataDir: args.dataDir, clock: args.clock, demo: options.demo });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}
