import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { Core } from '../../main/core';
import { openExistingDatabase } from '../../main/store/database';
import { loggedIn } from '../doubles/operator';
import { CLI } from '../support/cli';
import { tempDir } from '../support/tempDir';

/** Processes started together on the same data folder (the app and the CLI, two workstations' shortcuts). */

function migrate(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'db', 'migrate', '--data-dir', dataDir, '--json'], { env: { ...process.env, PIC_LOG_LEVEL: 'error' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('processes opening a fresh data folder at the same moment', () => {
  it('all of them open it: the schema is created once, the others wait for it instead of failing', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const dir = tempDir('pic-race-');
      const results = await Promise.all(Array.from({ length: 6 }, () => migrate(dir)));
      for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    }
  }, 60_000);
});

describe('a writer that finds the archive locked by another process', () => {
  it('is told in Italian to retry shortly, and nothing is half-written', async () => {
    const dir = tempDir('pic-busy-');
    const core = new Core({ dataDir: dir });
    loggedIn(core, 'segretaria');
    const other = openExistingDatabase(dir);
    try {
      other.exec('BEGIN IMMEDIATE');
      const r = await dispatch(core, 'patients.create', { codiceFiscale: 'RSSMRA58D12G388C', surname: 'Rossi', givenName: 'Mario', birthDate: '1958-04-12', sex: 'M' }, 'browser');
      expect(r).toEqual({ ok: false, error: { code: 'busy', message: expect.stringContaining('riprovare tra poco') } });
      other.exec('ROLLBACK');
      expect(core.store.patients.count()).toBe(0);
    } finally {
      other.close();
      core.close();
    }
  }, 20_000);
});
