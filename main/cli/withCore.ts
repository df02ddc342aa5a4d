import type { CallInput, CallName, CallOutput } from '../../shared/api';
import { invoke } from '../api/dispatch';
import type { Core } from '../core';
import { openCore } from '../openCore';
import type { ParsedArgs } from './args';

/** A call of the contract, through the same dispatch as the UI's (input and output checked). */
export type CliCall = <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>;

/**
 * Opens the core on --data-dir for one command and closes it afterwards, whatever happens.
 * `demo`: the command works on a demo's folder (creating one if the folder is new).
 */
export async function withCore<T>(args: ParsedArgs, work: (call: CliCall, core: Core) => T | Promise<T>, options: { demo?: boolean } = {}): Promise<T> {
  const core = openCore({ dataDir: args.dataDir, clock: args.clock, demo: options.demo });
  const call: CliCall = (name, input) => invoke(core, name, input, 'cli');
  try {
    return await work(call, core);
  } finally {
    await core.close();
  }
}
