import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/**
 * Debian's pcscd with the vsmartcard-vpcd driver: two virtual readers whose cards connect over
 * TCP (ports 35963 and 35964). Tests own the daemon: it is (re)started here, in the foreground
 * of a child process, and stopped at the end. Needs root, as pcscd's socket lives in /run/pcscd.
 */

const PCSCD = '/usr/sbin/pcscd';
const VPCD_DRIVER_CONF = '/etc/reader.conf.d/vpcd';
export const VPCD_PORTS = [35963, 35964];

export function pcscdUnavailableReason(): string | null {
  if (!fs.existsSync(PCSCD)) return 'pcscd is not installed (Debian package pcscd)';
  if (!fs.existsSync(VPCD_DRIVER_CONF)) return 'the vpcd driver is not installed (Debian package vsmartcard-vpcd)';
  if (process.getuid?.() !== 0) return 'pcscd must be started as root (run the tests as root)';
  return null;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function running(): boolean {
  try {
    execFileSync('pgrep', ['-x', 'pcscd'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function stopPcscd(): Promise<void> {
  if (!running()) return;
  try {
    execFileSync('pkill', ['-x', 'pcscd'], { stdio: 'ignore' });
  } catch {
    // Already gone.
  }
  await waitFor(async () => !running(), 'pcscd to stop');
  await waitFor(async () => !(await portOpen(VPCD_PORTS[0]!)), 'the vpcd port to close');
}

/** Starts a fresh pcscd (stopping any other one) and waits until both virtual readers listen. */
export async function startPcscd(): Promise<void> {
  await stopPcscd();
  const child = spawn(PCSCD, ['--foreground'], { stdio: 'ignore', detached: true });
  child.unref();
  await waitFor(async () => (await Promise.all(VPCD_PORTS.map(portOpen))).every(Boolean), 'pcscd and its vpcd readers');
}
