import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openExistingDatabase } from '../../main/store/database';
import { describe, expect, it } from 'vitest';
import { isValidCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { loadMigrations } from '../../main/store/migrations';
import { pic } from '../support/cli';
import { tempDir } from '../support/tempDir';

describe('pic CLI', () => {
  it('prints its help and refuses unknown commands with exit code 2', () => {
    const help = pic(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/pic demo seed --patients N/);
    expect(help.stdout).toMatch(/pic patients find <text>/);
    const unknown = pic(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    expect(pic(['demo', 'seed', '--patients', 'many']).status).toBe(2);
  });

  it("migrates a studio's archive, which refuses demo patients; seeds a demo folder and finds real rows, as text and as JSON", () => {
    const clinic = tempDir();
    const migrate = pic(['db', 'migrate', '--data-dir', clinic, '--json']);
    expect(migrate.status).toBe(0);
    expect(migrate.json()).toMatchObject({ schemaVersion: loadMigrations().length, file: path.join(clinic, 'pic.sqlite'), backup: null });
    const refused = pic(['demo', 'seed', '--patients', '1000', '--data-dir', clinic, '--json']);
    expect(refused.status).toBe(1);
    expect(refused.json()).toMatchObject({ error: 'demo-only', message: expect.stringMatching(/demo data folders only/) });
    expect(pic(['patients', 'find', 'ros', '--data-dir', clinic, '--json']).json()).toEqual({ patients: [], truncated: false });

    const dir = tempDir();
    const seed = pic(['demo', 'seed', '--patients', '1000', '--data-dir', dir, '--json']);
    expect(seed.status).toBe(0);
    expect(seed.json()).toMatchObject({ created: 1000, skipped: 0, total: 1000 });

    const found = pic(['patients', 'find', 'ros', '--data-dir', dir, '--json']);
    expect(found.status).toBe(0);
    const { patients } = found.json() as { patients: { surname: string; givenName: string; codiceFiscale: string }[] };
    expect(patients.length).toBeGreaterThan(0);
    for (const p of patients) {
      expect(isValidCodiceFiscale(p.codiceFiscale)).toBe(true);
      expect(`${p.surname.toUpperCase()} ${p.givenName.toUpperCase()}`).toMatch(/(^ROS)|( ROS)/);
    }

    const byCf = pic(['patients', 'find', patients[0]!.codiceFiscale, '--data-dir', dir]);
    expect(byCf.status).toBe(0);
    expect(byCf.stdout).toContain(patients[0]!.codiceFiscale);
  });

  it('seeds deterministically: the same seed gives the same patients', () => {
    const a = tempDir();
    const b = tempDir();
    pic(['demo', 'seed', '--patients', '200', '--seed', '5', '--data-dir', a]);
    pic(['demo', 'seed', '--patients', '200', '--seed', '5', '--data-dir', b]);
    const list = (dir: string) => pic(['patients', 'find', 'ro', '--data-dir', dir, '--json']).json();
    expect(list(a)).toEqual(list(b));
    const again = pic(['demo', 'seed', '--patients', '200', '--seed', '5', '--data-dir', a, '--json']);
    expect(again.json()).toMatchObject({ created: 0, skipped: 200, total: 200 });
  });

  it('honours PIC_DATA_DIR', () => {
    const dir = tempDir();
    expect(pic(['db', 'migrate'], { env: { PIC_DATA_DIR: dir } }).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'pic.sqlite'))).toBe(true);
  });

  it('explains bad input in English, with a JSON error and exit code 1', () => {
    const dir = tempDir();
    const short = pic(['patients', 'find', 'r', '--data-dir', dir, '--json']);
    expect(short.status).toBe(1);
    expect(short.json()).toEqual({ error: 'search-too-short', message: 'search text too short' });
    const badCf = pic(['patients', 'find', 'RSSMRA85T10A562X', '--data-dir', dir, '--json']);
    expect(badCf.status).toBe(1);
    expect(badCf.json()).toMatchObject({ error: 'invalid-codice-fiscale', message: expect.stringMatching(/check character/) });
    // Through the contract too: the payload's reason in English, not a raw schema dump or the UI's Italian.
    const added = pic(['patients', 'add', '--cf', 'RSSMRA58D12G388X', '--surname', 'Rossi', '--given-name', 'Mario', '--birth-date', '1958-04-12', '--sex', 'M', '--data-dir', dir, '--json']);
    expect(added.status).toBe(1);
    expect(added.json()).toEqual({ error: 'invalid-input', message: 'invalid input: codice fiscale check character does not match: "RSSMRA58D12G388X"' });
  });

  it('refuses a corrupt database, a newer one and an unwritable folder, changing nothing', () => {
    const corruptDir = tempDir();
    const file = path.join(corruptDir, 'pic.sqlite');
    fs.writeFileSync(file, 'not a database at all '.repeat(100));
    const hash = () => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const before = hash();
    const corrupt = pic(['patients', 'find', 'ros', '--data-dir', corruptDir, '--json']);
    expect(corrupt.status).toBe(1);
    expect(corrupt.json()).toMatchObject({ error: 'database-corrupt' });
    expect(corrupt.stderr).toMatch(/is not a readable SQLite database/);
    expect(hash()).toBe(before);

    const newerDir = tempDir();
    expect(pic(['db', 'migrate', '--data-dir', newerDir]).status).toBe(0);
    const db = openExistingDatabase(newerDir);
    db.pragma('user_version = 99');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const newer = pic(['patients', 'find', 'ros', '--data-dir', newerDir, '--json']);
    expect(newer.status).toBe(1);
    expect(newer.json()).toMatchObject({ error: 'database-too-new', message: expect.stringMatching(/schema version 99/) });

    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    const unwritable = pic(['db', 'migrate', '--data-dir', path.join(blocker, 'data'), '--json']);
    expect(unwritable.status).toBe(1);
    expect(unwritable.json()).toMatchObject({ error: 'data-dir-not-writable' });
  });
});
