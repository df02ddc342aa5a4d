import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../main/core';
import { CLI, pic } from '../support/cli';
import { tempDir } from '../support/tempDir';

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'imports', name);
const dbOf = (dir: string) => path.join(dir, 'pic.sqlite');

describe('pic: demo folders apart from the studio archive, demo clocks', () => {
  it("refuses a demo clock on a studio's archive and on a new folder, writing nothing", () => {
    const fresh = path.join(tempDir(), 'nuova');
    const onNew = pic(['patients', 'find', 'ros', '--now', '2027-03-01', '--data-dir', fresh, '--json']);
    expect(onNew.status).toBe(1);
    expect(onNew.json()).toMatchObject({ error: 'demo-only', message: expect.stringMatching(/would become a studio's archive/) });
    expect(fs.existsSync(fresh)).toBe(false);

    const clinic = tempDir();
    expect(pic(['db', 'migrate', '--data-dir', clinic]).status).toBe(0);
    const before = fs.readFileSync(dbOf(clinic));
    const viaEnv = pic(['patients', 'find', 'ros', '--data-dir', clinic, '--json'], { env: { PIC_NOW: '2027-03-01T09:00:00+01:00' } });
    expect(viaEnv.status).toBe(1);
    expect(viaEnv.json()).toMatchObject({ error: 'demo-only' });
    expect(fs.readFileSync(dbOf(clinic)).equals(before)).toBe(true);
    const startDemo = pic(['demo', 'prepare', '--patients', '5', '--data-dir', clinic, '--json']);
    expect(startDemo.json()).toMatchObject({ error: 'demo-only', message: expect.stringMatching(/demo mode is for demo data folders only/) });
    expect(pic(['patients', 'find', 'ro', '--data-dir', clinic, '--json']).json()).toEqual({ patients: [], truncated: false });
  });

  it('refuses a --now that is not a moment before opening anything', () => {
    const fresh = path.join(tempDir(), 'nuova');
    const bad = pic(['demo', 'seed', '--patients', '5', '--now', '31/12/2027', '--data-dir', fresh, '--json']);
    expect(bad.status).toBe(1);
    expect(bad.json()).toMatchObject({ error: 'invalid-clock', message: expect.stringMatching(/"31\/12\/2027" is not a moment/) });
    expect(fs.existsSync(fresh)).toBe(false);
    expect(pic(['demo', 'seed', '--patients', '5', '--frozen-clock', '--data-dir', fresh]).stderr).toMatch(/--frozen-clock needs --now WHEN/);
  });

  it("runs a demo folder on the demo's day: letters after it are in the future", () => {
    const demo = path.join(tempDir(), 'demo');
    const seeded = pic(['demo', 'seed', '--patients', '20', '--seed', '3', '--data-dir', demo, '--now', '2027-03-01T10:00', '--frozen-clock', '--json']);
    expect(seeded.status).toBe(0);
    expect(seeded.json()).toMatchObject({ created: 20, dataDir: demo });
    const at = (day: string) => ['--now', `${day}T10:00`, '--frozen-clock', '--data-dir', demo, '--json'];
    expect(pic(['patients', 'add', '--cf', 'RSSMRA58D12G388C', '--surname', 'Rossi', '--given-name', 'Mario', '--birth-date', '1958-04-12', '--sex', 'M', ...at('2027-03-01')]).status).toBe(0);
    const future = pic(['letters', 'add', '--cf', 'RSSMRA58D12G388C', '--type', '2', '--date', '2027-03-02', '--mobile', '347 1234567', ...at('2027-03-01')]);
    expect(future.status).toBe(1);
    expect(future.json()).toMatchObject({ error: 'letter-date-in-future' });
    expect(pic(['letters', 'add', '--cf', 'RSSMRA58D12G388C', '--type', '2', '--date', '2027-03-02', '--mobile', '347 1234567', ...at('2027-03-02')]).status).toBe(0);
  });

  it('starts a ready demo: demo folder, patients, the studio, the URL', async () => {
    const demo = path.join(tempDir(), 'demo');
    const child = spawn(process.execPath, [CLI, 'demo', 'start', '--patients', '40', '--data-dir', demo, '--json'], { env: { ...process.env, PIC_LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const started = await new Promise<{ url: string; patients: number; created: number }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(started).toMatchObject({ patients: 40, created: 40 });
      const base = started.url.split('#')[0]!;
      const token = new URL(started.url).hash.slice('#token='.length);
      const call = async (name: string) =>
        (await (await fetch(`${base}api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' })).json()) as { ok: boolean; value: Record<string, unknown> };
      expect((await call('app.info')).value).toMatchObject({ mode: 'demo', patientCount: 40 });
      // The lock screen's calls answer; the archive's wait for a login with card and PIN.
      expect((await call('demo.cards.state')).ok).toBe(true);
      expect(await call('settings.studio.get')).toMatchObject({ ok: false, error: { code: 'not-logged-in' } });
    } finally {
      child.kill('SIGTERM');
    }
    if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
    const opened = new Core({ dataDir: demo });
    try {
      expect(opened.services.enrollment.studio()).toMatchObject({ mmg: 'Dott.ssa Giulia Bianchi' });
    } finally {
      await opened.close();
    }
  });
});

describe('pic: options named in one line, files as arguments', () => {
  it('takes the file of a file adapter after its name, as well as --path', () => {
    const dir = tempDir();
    const positional = pic(['import', 'ats-list', fixture('ats-list-1252.csv'), '--dry-run', '--data-dir', dir, '--json']);
    expect(positional.status).toBe(0);
    const withPath = pic(['import', 'ats-list', '--path', fixture('ats-list-1252.csv'), '--dry-run', '--data-dir', dir, '--json']);
    expect(positional.json()).toEqual(withPath.json());
    const both = pic(['import', 'ats-list', fixture('ats-list-1252.csv'), '--path', fixture('ats-list-1252.csv'), '--data-dir', dir]);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/either FILE or --path FILE/);
  });

  it('names a missing, unknown or misplaced option with the usage of the command, not a schema dump', () => {
    const dir = tempDir();
    const usage = /\nUsage: pic import <adapter> \[FILE \| --path FILE\]/;
    const cases: [string[], RegExp][] = [
      [['import', 'ats-list'], /^Error: missing --path FILE for the ats-list adapter$/m],
      [['import', 'ats-list', 'lista.csv', '--bogus'], /^Error: unknown option --bogus$/m],
      [['import', 'ats-list', '--path'], /^Error: --path needs a value$/m],
      [['import', 'ats-list', '--path', '--dry-run'], /^Error: --path needs a value$/m],
      [['import', 'ats-list', 'lista.csv', '--cf', 'RSSMRA58D12G388C'], /^Error: --cf is not an option of "pic import"$/m],
      [['import', 'ats-list', 'lista.csv', '--dry-run=yes'], /^Error: --dry-run takes no value$/m],
    ];
    for (const [args, message] of cases) {
      const r = pic([...args, '--data-dir', dir]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).toMatch(usage);
      expect(r.stderr.split('\n').filter(Boolean), args.join(' ')).toHaveLength(2);
      expect(r.stderr).not.toMatch(/Invalid input|expected string/);
    }
    const millewinFile = pic(['import', 'millewin', 'lista.csv', '--data-dir', dir]);
    expect(millewinFile.stderr).toMatch(/^Error: unexpected argument "lista.csv"$/m);
  });
});
