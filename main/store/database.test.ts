import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import PlainDatabase from 'better-sqlite3-multiple-ciphers';
import { applyKey } from './cipher';
import { fileKeyStore } from './keys';
import { Database } from './sqlite';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { DATABASE_FILE, openDatabase, peekDataDirKind } from './database';
import { CorruptDatabaseError, DataDirNotWritableError, DatabaseTooNewError } from './errors';
import { loadMigrations } from './migrations';

const hashOf = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const migrations = loadMigrations();

describe('opening the store', () => {
  it('creates and migrates a new database with the required pragmas', () => {
    const dir = tempDir();
    const opened = openDatabase(dir);
    expect(opened.schemaVersion).toBe(migrations.length);
    expect(opened.backup).toBeNull();
    const s = opened.sqlite;
    expect(s.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(s.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(s.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = s.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining([
      'patients', 'letters', 'contact_attempts', 'enrollments', 'consents', 'pais', 'pai_occurrences', 'bookings', 'reminder_calls',
      'providers', 'operators', 'audit_log', 'outbox', 'import_runs', 'settings', 'patient_pathologies',
    ]));
    opened.sqlite.close();
  });

  it('has indexes for surname prefix, given name and codice fiscale searches', () => {
    const opened = openDatabase(tempDir());
    const plan = (sql: string) => opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join(' | ');
    expect(plan("SELECT id FROM patients WHERE surname_key >= 'ROS' AND surname_key < 'ROS[' ORDER BY surname_key, given_key LIMIT 51"))
      .toMatch(/USING (COVERING )?INDEX patients_surname_given/);
    expect(plan("SELECT id FROM patients WHERE given_key >= 'MAR' AND given_key < 'MAR[' ORDER BY given_key, surname_key LIMIT 51"))
      .toMatch(/USING (COVERING )?INDEX patients_given_surname/);
    expect(plan("SELECT id FROM patients WHERE codice_fiscale >= 'RSS' AND codice_fiscale < 'RSS[' ORDER BY codice_fiscale LIMIT 51"))
      .toMatch(/USING (COVERING )?INDEX patients_cf/);
    opened.sqlite.close();
  });

  it("reads a patient's known server copies of one type through his index, not every copy of the type", () => {
    const opened = openDatabase(tempDir());
    const plan = (sql: string) => opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join(' | ');
    // The primary key (type, id) also answers the ORDER BY: the planner took it and read all of the type's rows for each patient.
    expect(plan("SELECT content FROM sync_resources WHERE patient_id = 1 AND resource_type = 'Condition' ORDER BY resource_id"))
      .toMatch(/USING INDEX sync_resources_patient \(patient_id=\? AND resource_type=\?\)/);
    opened.sqlite.close();
  });

  it('reopens without migrating again or taking a backup', () => {
    const dir = tempDir();
    openDatabase(dir).sqlite.close();
    const again = openDatabase(dir);
    expect(again.backup).toBeNull();
    again.sqlite.close();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('backs up an older database, then migrates it', () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrations: migrations.slice(0, 1) });
    old.sqlite.prepare("INSERT INTO settings(key, value) VALUES ('k', '1')").run();
    old.sqlite.close();
    const opened = openDatabase(dir);
    expect(opened.backup).not.toBeNull();
    expect(fs.existsSync(opened.backup!)).toBe(true);
    expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(migrations.length);
    opened.sqlite.close();
    // The copy is the old version, with its data, encrypted like the archive.
    const backup = new Database(opened.backup!, { readonly: true });
    applyKey(backup, opened.key);
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('1');
    backup.close();
  });

  it('applies migrations in one transaction: a failing one leaves the file as it was', () => {
    const dir = tempDir();
    const broken = [...migrations, { version: migrations.length + 1, statements: ['CREATE TABLE extra (x)', 'THIS IS NOT SQL'] }];
    openDatabase(dir).sqlite.close();
    expect(() => openDatabase(dir, { migrations: broken })).toThrow();
    const opened = openDatabase(dir);
    expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(opened.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name='extra'").pluck().get()).toBe(0);
    opened.sqlite.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const dir = tempDir();
    const opened = openDatabase(dir);
    opened.sqlite.pragma(`user_version = ${migrations.length + 3}`);
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.close();
    const file = path.join(dir, DATABASE_FILE);
    const before = hashOf(file);
    const err = (() => { try { openDatabase(dir); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(DatabaseTooNewError);
    expect((err as DatabaseTooNewError).userMessage).toMatch(/versione più recente/);
    expect(hashOf(file)).toBe(before);
  });

  it('refuses a corrupt file without changing it', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, 'questo non è un database '.repeat(200));
    const before = hashOf(file);
    expect(() => openDatabase(dir)).toThrow(CorruptDatabaseError);
    expect(hashOf(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual([DATABASE_FILE]);
  });

  it('refuses a data directory that cannot be written', () => {
    const dir = tempDir();
    const notADir = path.join(dir, 'file.txt');
    fs.writeFileSync(notADir, 'x');
    // A path below a regular file cannot be created even by root, unlike a chmod'ed folder.
    expect(() => openDatabase(path.join(notADir, 'data'))).toThrow(DataDirNotWritableError);
  });

  it('keeps the audit log append-only', () => {
    const { sqlite } = openDatabase(tempDir());
    sqlite.prepare("INSERT INTO audit_log(at, action, entity) VALUES ('2026-01-01T00:00:00Z', 'test', 'patient')").run();
    expect(() => sqlite.prepare("UPDATE audit_log SET action = 'changed'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(sqlite.prepare('SELECT action FROM audit_log').pluck().all()).toEqual(['test']);
    sqlite.close();
  });

  it('is born a clinic\'s or a demo\'s archive, and stays what it was born', () => {
    const clinic = tempDir();
    expect(peekDataDirKind(clinic)).toBe('new');
    const first = openDatabase(clinic);
    expect(first.kind).toBe('clinic');
    first.sqlite.close();
    expect(peekDataDirKind(clinic)).toBe('clinic');
    const reopened = openDatabase(clinic, { createAs: 'demo' });
    expect(reopened.kind).toBe('clinic');
    reopened.sqlite.close();

    const demo = tempDir();
    const created = openDatabase(demo, { createAs: 'demo' });
    expect(created.kind).toBe('demo');
    created.sqlite.close();
    expect(peekDataDirKind(demo)).toBe('demo');
    expect(openDatabase(demo).kind).toBe('demo');
  });

  it('counts a database from before demo mode, or one it cannot read, as a clinic\'s', () => {
    const old = tempDir();
    const opened = openDatabase(old);
    opened.sqlite.prepare("DELETE FROM settings WHERE key = 'dataDir.kind'").run();
    opened.sqlite.close();
    expect(peekDataDirKind(old)).toBe('clinic');
    expect(openDatabase(old, { createAs: 'demo' }).kind).toBe('clinic');

    const damaged = tempDir();
    fs.writeFileSync(path.join(damaged, DATABASE_FILE), crypto.randomBytes(8192));
    expect(peekDataDirKind(damaged)).toBe('clinic');
  });

  it("brings a database of the first half's schema forward, keeping its letters, calls, consents and operators", () => {
    const dir = tempDir();
    const old = openDatabase(dir, { migrations: migrations.slice(0, 6) });
    const run = (sql: string) => old.sqlite.prepare(sql).run();
    run("INSERT INTO patients (codice_fiscale, surname, given_name, surname_key, given_key, birth_date, sex) VALUES ('RSSMRA58D12G388C', 'Rossi', 'Mario', 'ROSSI', 'MARIO', '1958-04-12', 'M')");
    run("INSERT INTO letters (patient_id, type, tranche_date, received_at) VALUES (1, 2, '2018-04-16', '2026-10-01')");
    run("INSERT INTO operators (codice_fiscale, surname, given_name, role) VALUES ('BNCGLI75A41F205I', 'BIANCHI', 'GIULIA', 'mmg')");
    run("INSERT INTO contact_attempts (patient_id, operator_id, at, outcome, callback_at, operator_cf) VALUES (1, 1, '2026-10-02T09:00:00Z', 'appointment', '2026-10-09', 'BNCGLI75A41F205I')");
    run("INSERT INTO enrollments (patient_id, programme_year, state) VALUES (1, 2026, 'registered')");
    run("INSERT INTO consents (enrollment_id, kind, signed_at, signed_by, signed_by_cf) VALUES (1, 'privacy', '2026-10-10T10:00:00Z', 1, 'BNCGLI75A41F205I')");
    old.sqlite.close();

    const opened = openDatabase(dir);
    const all = (sql: string) => opened.sqlite.prepare(sql).all();
    expect(all('SELECT type, tranche_date, received_at FROM letters')).toEqual([{ type: 2, tranche_date: '2018-04-16', received_at: '2026-10-01' }]);
    expect(all('SELECT codice_fiscale, name, role, last_login_at FROM operators')).toEqual([{ codice_fiscale: 'BNCGLI75A41F205I', name: 'BIANCHI GIULIA', role: 'mmg', last_login_at: null }]);
    expect(all('SELECT outcome, callback_at, appointment_time, operator_cf FROM contact_attempts')).toEqual([{ outcome: 'appointment', callback_at: '2026-10-09', appointment_time: null, operator_cf: 'BNCGLI75A41F205I' }]);
    expect(all('SELECT kind, signed_at, signed_by_cf, choices FROM consents')).toEqual([{ kind: 'privacy', signed_at: '2026-10-10T10:00:00Z', signed_by_cf: 'BNCGLI75A41F205I', choices: null }]);
    expect(all('SELECT chronic_level_confirmed FROM patients')).toEqual([{ chronic_level_confirmed: 0 }]);
    // The dead columns are gone; a letter may now be undated.
    const columns = (table: string) => (all(`PRAGMA table_info(${table})`) as { name: string }[]).map((c) => c.name);
    expect(columns('contact_attempts')).not.toContain('operator_id');
    expect(columns('consents')).not.toContain('signed_by');
    opened.sqlite.prepare('INSERT INTO letters (patient_id, type, tranche_date) VALUES (1, 3, NULL)').run();
    expect(opened.sqlite.pragma('foreign_key_check')).toEqual([]);
    opened.sqlite.close();
  });
});

describe('encryption at rest', () => {
  const bytesOf = (dir: string) => Buffer.concat(fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile()).map((f) => fs.readFileSync(path.join(dir, f))));

  it('keeps the patients unreadable in the folder, its files for the owner only, the key outside it', () => {
    const dir = tempDir();
    const keyDir = tempDir();
    const opened = openDatabase(dir, { keys: fileKeyStore(keyDir) });
    opened.sqlite.prepare("INSERT INTO settings(key, value) VALUES ('paziente', 'ROSSI MARIO RSSMRA58D12G388C')").run();
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.close();
    expect(bytesOf(dir).includes('RSSMRA58D12G388C')).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'pic.sqlite')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    if (process.platform !== 'win32') {
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dir, 'pic.sqlite')).mode & 0o777).toBe(0o600);
      const keyFile = fs.readdirSync(keyDir).find((f) => f.endsWith('.key'))!;
      expect(fs.statSync(path.join(keyDir, keyFile)).mode & 0o777).toBe(0o600);
    }
    // Reopened with its key, everything is there.
    const again = openDatabase(dir, { keys: fileKeyStore(keyDir) });
    expect(again.sqlite.prepare("SELECT value FROM settings WHERE key = 'paziente'").pluck().get()).toMatch(/ROSSI/);
    again.sqlite.close();
  });

  it('a copied folder without its key is refused with a clear message, and no new archive replaces it', () => {
    const dir = tempDir();
    openDatabase(dir, { keys: fileKeyStore(tempDir()) }).sqlite.close();
    const before = fs.readFileSync(path.join(dir, 'pic.sqlite'));
    expect(() => openDatabase(dir, { keys: fileKeyStore(tempDir()) })).toThrow(expect.objectContaining({ code: 'key-missing', userMessage: expect.stringMatching(/chiave.*Nessun archivio nuovo/s) }));
    expect(fs.readFileSync(path.join(dir, 'pic.sqlite')).equals(before)).toBe(true);
  });

  it('encrypts a plain database of an older version in place, after an encrypted copy', () => {
    const dir = tempDir();
    const plain = new PlainDatabase(path.join(dir, 'pic.sqlite'));
    plain.exec("CREATE TABLE demo (x); INSERT INTO demo VALUES ('ROSSI MARIO')");
    plain.close();
    const keyDir = tempDir();
    const opened = openDatabase(dir, { keys: fileKeyStore(keyDir) });
    expect(opened.sqlite.prepare('SELECT x FROM demo').pluck().get()).toBe('ROSSI MARIO');
    expect(opened.backup).toMatch(/before-encryption/);
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.close();
    expect(bytesOf(dir).includes('ROSSI MARIO')).toBe(false);
    const copy = new Database(opened.backup!, { readonly: true });
    applyKey(copy, opened.key);
    expect(copy.prepare('SELECT x FROM demo').pluck().get()).toBe('ROSSI MARIO');
    copy.close();
  });
});
