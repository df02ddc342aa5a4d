import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { Core } from '../core';
import { openExistingDatabase } from '../store/database';
import { fileKeyStore } from '../store/keys';
import { restoreBackup } from './archiveRestore';

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

/** A demo archive of 40 patients backed up, then grown to 45, and closed. */
async function backedUpThenChanged(): Promise<{ dataDir: string; backup: string }> {
  core = new Core({ dataDir: tempDir(), createAs: 'demo', clock: { now: () => new Date('2026-11-23T09:00:00Z') } });
  core.services.demoSeed.seed(40, 3);
  const backup = core.services.backup.backup(null, tempDir()).path;
  core.services.demoSeed.seed(45, 3);
  const { dataDir } = core;
  await core.close();
  core = null;
  return { dataDir, backup };
}

const patientsIn = (dataDir: string) => {
  const db = openExistingDatabase(dataDir, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM patients').pluck().get();
  } finally {
    db.close();
  }
};

describe('putting a backup in place of an archive', () => {
  it('refuses while another process holds the archive open (its writes would be lost), replacing nothing', async () => {
    const { dataDir, backup } = await backedUpThenChanged();
    const other = openExistingDatabase(dataDir);
    try {
      other.prepare('SELECT count(*) FROM patients').get();
      expect(() => restoreBackup({ dataDir, from: backup, keys: fileKeyStore(), now: new Date() })).toThrow(expect.objectContaining({ code: 'archive-in-use' }));
    } finally {
      other.close();
    }
    expect(patientsIn(dataDir)).toBe(45);
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([]);
  });

  it('fills a folder that has no archive yet, with nothing to keep', () => {
    core = new Core({ dataDir: tempDir(), createAs: 'demo', clock: { now: () => new Date('2026-11-23T09:00:00Z') } });
    core.services.demoSeed.seed(40, 3);
    const backup = core.services.backup.backup(null, tempDir()).path;
    const dataDir = path.join(tempDir(), 'nuova');
    expect(restoreBackup({ dataDir, from: backup, keys: fileKeyStore(), now: new Date() })).toMatchObject({ replaced: null, manifest: { patients: 40 } });
    expect(patientsIn(dataDir)).toBe(40);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  });
});
