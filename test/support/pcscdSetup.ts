import type { TestProject } from 'vitest/node';
import { pcscdUnavailableReason, startPcscd, stopPcscd } from '../harness/pcscd';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why the real card stack is not available in this run, or null when pcscd runs. */
    pcscdSkipReason: string | null;
  }
}

/** Vitest global setup: one pcscd with the vpcd readers for the whole run, where possible. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reason = pcscdUnavailableReason();
  project.provide('pcscdSkipReason', reason);
  if (reason) {
    console.log(`[pcscd] not started: ${reason}; tests on the real card stack skip`);
    return async () => undefined;
  }
  await startPcscd();
  return stopPcscd;
}
