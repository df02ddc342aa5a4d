import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const CLI = path.join(import.meta.dirname, '..', '..', 'dist', 'main', 'cli.cjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json(): unknown;
}

/** Runs the built `pic` CLI (test/support/buildMain.ts builds it before the tests). */
export function pic(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PIC_LOG_LEVEL: 'error', ...options.env },
    input: options.input,
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
