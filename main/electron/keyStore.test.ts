import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { openDatabase } from '../store/database';
import { fileKeyStore } from '../store/keys';
import { safeKeyStore, type SafeStorage } from './keyStore';

const wrapping: SafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`safe:${Buffer.from(text).toString('base64')}`),
  decryptString: (data) => Buffer.from(data.toString().replace(/^safe:/, ''), 'base64').toString(),
};

describe("the desktop app's key store", () => {
  it('keeps the key wrapped by the OS, never in clear, and reopens the archive with it', () => {
    const keys = tempDir();
    const dir = tempDir();
    const opened = openDatabase(dir, { keys: safeKeyStore(wrapping, keys) });
    opened.sqlite.close();
    const [file] = fs.readdirSync(keys);
    expect(file).toMatch(/\.safe$/);
    expect(fs.readFileSync(path.join(keys, file!)).includes(Buffer.from(opened.key.toString('hex')))).toBe(false);
    const again = openDatabase(dir, { keys: safeKeyStore(wrapping, keys) });
    expect(again.key.equals(opened.key)).toBe(true);
    again.sqlite.close();
  });

  it('opens a folder the CLI created with its key file, and falls back to key files without OS protection', () => {
    const keys = tempDir();
    const dir = tempDir();
    const byCli = openDatabase(dir, { keys: fileKeyStore(keys) });
    byCli.sqlite.close();
    const inApp = openDatabase(dir, { keys: safeKeyStore(wrapping, keys) });
    expect(inApp.key.equals(byCli.key)).toBe(true);
    inApp.sqlite.close();
    expect(safeKeyStore({ ...wrapping, isEncryptionAvailable: () => false }, keys).place).toBe(keys);
  });
});
