import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const CLI = path.join(import.meta.dirname, '..', '..', 'dist', 'main', 'cli.cjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json(): unknown;
}

interface CliOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
}

const cliEnv = (env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv => ({ ...process.env, PIC_LOG_LEVEL: 'error', ...env });

/** Runs the built `pic` CLI (test/support/buildMain.ts builds it before the tests). */
export function pic(args: string[], options: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: cliEnv(options.env),
    input: options.input,
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

/**
 * The same, leaving this process's event loop free: a CLI that talks to a server of the test
 * process (the Centro Servizi peer) would wait on it forever under spawnSync.
 */
export function picAsync(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(options.env), timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr, json: () => JSON.parse(stdout) }));
    child.stdin.end(options.input ?? '');
  });
}
