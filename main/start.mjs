// `npm start` (after `npm run build`): the desktop app when Electron's binary is installed,
// otherwise browser mode (`pic serve`) with the same arguments. Plain Node, no build step.
//
// Native modules: `npm ci` builds better-sqlite3 for Node's ABI. Electron has its own ABI, so
// before launching Electron this script checks that better-sqlite3 loads inside Electron and, if
// not, rebuilds it for Electron (`electron-builder install-app-deps`). After that rebuild the
// module no longer loads in plain Node: the unit and integration tests (vitest on Node) need
// `npm rebuild better-sqlite3` first. The script prints that reminder when it rebuilds.
//
// PIC_FORCE_BROWSER_MODE=1 skips Electron even where it is installed (headless machines, tests).
//
// `--demo` (npm run demo): a ready demo on its own data folder (fake patients, the demo studio),
// in Electron (`--demo`) or in browser mode (`pic demo start`). Its virtual cards need
// pcscd with the vpcd driver; where pcscd is installed but not running and this runs as root (a
// container without systemd), it is started for the demo and stopped after it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

/**
 * Where the Electron executable is, or why it cannot be used. The `electron` package exports the
 * path of its binary, downloading it first when missing (it has no install script since
 * Electron 42); it throws, or names a missing file, when that download fails.
 * @returns {{ path: string } | { reason: string }}
 */
export function findElectron() {
  let binary;
  try {
    binary = require('electron');
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND') return { reason: 'the electron package is not installed (npm ci)' };
    return {
      reason: `Electron's binary is not installed and could not be downloaded (npx --no install-electron): ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  if (typeof binary !== 'string' || binary === '') return { reason: "the electron package did not name its binary" };
  if (!fs.existsSync(binary)) {
    return { reason: `Electron's binary is not installed (expected at ${binary}; npx --no install-electron fetches it)` };
  }
  return { path: binary };
}

/** True when better-sqlite3 opens a database inside Electron (run as Node, same ABI). */
export function nativeModulesMatchElectron(electronPath) {
  const probe = "const D = require('better-sqlite3'); new D(':memory:').close();";
  const result = spawnSync(electronPath, ['-e', probe], {
    cwd: root,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
    timeout: 60_000,
  });
  return result.status === 0;
}

/** Rebuilds the native modules for Electron's ABI; true on success. */
export function rebuildNativeForElectron() {
  const cli = require.resolve('electron-builder/install-app-deps.js');
  const result = spawnSync(process.execPath, [cli], { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

/** Runs a child with our stdio, forwards Ctrl+C / SIGTERM to it, resolves to its exit code. */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    const running = () => child.exitCode === null && child.signalCode === null;
    const forward = (signal) => {
      if (signal !== 'SIGINT') {
        if (running()) child.kill(signal);
        return;
      }
      // Ctrl+C in a terminal reaches the child too (same process group) and it stops on its own;
      // a SIGINT sent to this process alone becomes a SIGTERM for the child if it is still up.
      setTimeout(() => {
        if (running()) child.kill('SIGTERM');
      }, 2000).unref();
    };
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    child.on('error', (err) => {
      console.error(`Could not start ${command}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const PCSCD = '/usr/sbin/pcscd';

/** Starts pcscd for the demo's virtual readers when nothing else will; returns how to stop it. */
function pcscdForDemo() {
  const running = spawnSync('pgrep', ['-x', 'pcscd'], { stdio: 'ignore' }).status === 0;
  if (running) return () => undefined;
  if (!fs.existsSync(PCSCD) || process.getuid?.() !== 0) {
    console.log('pcscd is not running: the demo cards need it (sudo systemctl start pcscd, with the vsmartcard-vpcd package).');
    return () => undefined;
  }
  console.log('Starting pcscd for the demo cards (it stops with the demo).');
  const child = spawn(PCSCD, ['--foreground'], { stdio: 'ignore' });
  return () => child.kill('SIGTERM');
}

export async function main(argv) {
  const demo = argv.includes('--demo');
  const args = argv.filter((a) => a !== '--demo');
  const electron = process.env.PIC_FORCE_BROWSER_MODE === '1' ? { reason: 'PIC_FORCE_BROWSER_MODE=1 is set' } : findElectron();
  const cli = path.join(root, 'dist', 'main', 'cli.cjs');
  if (!demo) return launch(electron, cli, args, ['serve', ...args]);
  const stopPcscd = pcscdForDemo();
  try {
    return await launch(electron, cli, ['--demo', ...args], ['demo', 'start', ...args]);
  } finally {
    stopPcscd();
  }
}

/** Electron with `electronArgs` where it is installed, else the CLI with `browserArgs`. */
async function launch(electron, cli, electronArgs, browserArgs) {
  if ('path' in electron) {
    if (!nativeModulesMatchElectron(electron.path)) {
      console.log('better-sqlite3 is built for Node, not for Electron: rebuilding it (electron-builder install-app-deps)...');
      if (!rebuildNativeForElectron()) {
        console.error('Rebuilding the native modules for Electron failed; see the output above. Browser mode still works: npm run serve');
        return 1;
      }
      console.log('Native modules rebuilt for Electron. Before running the tests on Node again: npm rebuild better-sqlite3');
    }
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    return run(electron.path, [root, ...electronArgs], env);
  }

  console.log(`${electron.reason}; starting browser mode instead.`);
  if (!fs.existsSync(cli)) {
    console.error(`${path.relative(root, cli)} is missing: run npm run build first.`);
    return 1;
  }
  return run(process.execPath, [cli, ...browserArgs]);
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
