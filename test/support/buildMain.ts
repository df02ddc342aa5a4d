import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Integration tests run the real CLI bundle: build it once per test run (about a second). */
export default function setup(): void {
  execFileSync(process.execPath, [path.join(import.meta.dirname, '..', '..', 'main', 'build.mjs')], { stdio: 'inherit' });
}
