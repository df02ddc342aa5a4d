import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { Core } from '../core';
import { openExistingDatabase } from '../store/database';
import { fileKeyStore } from '../store/keys';
import { restoreBackup } from './archiveRestore';
import { KEEP_DAILY, KEEP_WEEKLY } from './backupService';

class MovableClock {
  constructor(private at = new Date('2026-11-23T09:00:00Z')) {}
  now(): Date {
    return new Date(this.at);
  }
  advanceDays(days: number): void {
    this.at = new Date(this.at.getTime() + days * 86_400_000);
  }
}

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

function demo(clock = new MovableClock()): Core {
  core = new Core({ dataDir: tempDir(), createAs: 'demo', clock });
  core.services.demoSeed.seed(40, 3);
  return core;
}

describe('backups', () => {
  it('takes a verified, encrypted copy while the archive is open, and says what it holds', () => {
    const c = demo();
    const folder = tempDir();
    c.services.backup.setFolder(folder, 'BNCGLI75A41F205I');
    const r = c.services.backup.backup('BNCGLI75A41F205I');
    expect(r.manifest).toMatchObject({ patients: 40, schemaVersion: c.store.database.schemaVersion });
    expect(fs.readFileSync(path.join(r.path, 'pic.sqlite')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(c.services.backup.list()).toEqual([{ path: r.path, manifest: r.manifest }]);
    expect(c.store.database.sqlite.prepare("SELECT operator_cf FROM audit_log WHERE action = 'backup.create'").pluck().get()).toBe('BNCGLI75A41F205I');
  });

  it('refuses a folder inside the data folder (a failed disk would take both) and says when none is chosen', () => {
    const c = demo();
    expect(() => c.services.backup.backup(null)).toThrow(expect.objectContaining({ code: 'backup-no-folder' }));
    expect(() => c.services.backup.setFolder(path.join(c.dataDir, 'copie'), null)).toThrow(expect.objectContaining({ code: 'backup-folder' }));
  });

  it(`keeps ${KEEP_DAILY} daily and ${KEEP_WEEKLY} weekly backups`, () => {
    const clock = new MovableClock();
    const c = demo(clock);
    const folder = tempDir();
    c.services.backup.setFolder(folder, null);
    for (let day = 0; day < 60; day++) {
      c.services.backup.backup(null);
      clock.advanceDays(1);
    }
    const kept = c.services.backup.list().map((b) => b.manifest.createdAt.slice(0, 10));
    expect(kept).toHaveLength(KEEP_DAILY + KEEP_WEEKLY);
    expect(kept.slice(0, KEEP_DAILY)).toEqual(Array.from({ length: KEEP_DAILY }, (_, i) => new Date(Date.parse('2027-01-21T09:00:00Z') - i * 86_400_000).toISOString().slice(0, 10)));
  });

  it('finds a damaged backup out before anything is replaced', () => {
    const c = demo();
    const r = c.services.backup.backup(null, tempDir());
    fs.appendFileSync(path.join(r.path, 'pic.sqlite'), 'x');
    expect(() => c.services.backup.inspect(r.path)).toThrow(expect.objectContaining({ code: 'backup-damaged' }));
  });

  it('restores into a new folder, and keeps what it replaces', async () => {
    const c = demo();
    const r = c.services.backup.backup(null, tempDir());
    c.services.demoSeed.seed(5, 9);
    const dataDir = c.dataDir;
    await c.close();
    core = null;
    const restored = restoreBackup({ dataDir, from: r.path, keys: fileKeyStore(), now: new Date('2026-11-24T09:00:00Z') });
    expect(restored.replaced).toMatch(/replaced-/);
    core = new Core({ dataDir });
    expect(core.services.patients.count()).toBe(40);
    await core.close();
    core = null;
    // The replaced archive, with its 45 patients, is kept, encrypted with the same key.
    const replaced = openExistingDatabase(restored.replaced!, { readonly: true });
    expect(replaced.prepare('SELECT count(*) FROM patients').pluck().get()).toBe(45);
    replaced.close();
  });
});
