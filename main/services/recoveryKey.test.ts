import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { fileKeyStore, keyFileText } from '../store/keys';
import { checkKeyPlace, readRecoveryKey, storeRecoveryKey, writeRecoveryKey, type KeyTarget } from './recoveryKey';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('the recovery key file', () => {
  it('is the key folder\'s own file, written for the owner only, never over a file unless the user agreed', () => {
    const key = randomBytes(32);
    const file = path.join(tempDir(), 'chiave.key');
    writeRecoveryKey(file, key, { replace: false });
    expect(fs.readFileSync(file, 'utf8')).toBe(keyFileText(key));
    expect(readRecoveryKey(file).equals(key)).toBe(true);
    expect(mode(file)).toBe(0o600);
    expect(() => writeRecoveryKey(file, randomBytes(32), { replace: false })).toThrow(expect.objectContaining({ code: 'recovery-key-not-saved', userMessage: expect.stringMatching(/esiste già: non è stato sovrascritto/) }));
    expect(readRecoveryKey(file).equals(key)).toBe(true);

    const open = path.join(tempDir(), 'vecchia.key');
    fs.writeFileSync(open, 'x', { mode: 0o644 });
    writeRecoveryKey(open, key, { replace: true });
    expect(mode(open)).toBe(0o600);
    expect(readRecoveryKey(open).equals(key)).toBe(true);
  });

  it('reads a key copied from paper in its groups of four, and refuses what is no key', () => {
    const key = randomBytes(32);
    const dir = tempDir();
    const paper = path.join(dir, 'dalla-carta.key');
    const groups = key.toString('hex').toUpperCase().match(/.{4}/g)!;
    fs.writeFileSync(paper, `${groups.slice(0, 8).join(' ')}\r\n${groups.slice(8).join(' ')}\n`);
    expect(readRecoveryKey(paper).equals(key)).toBe(true);

    const short = path.join(dir, 'corta.key');
    fs.writeFileSync(short, key.toString('hex').slice(2));
    expect(() => readRecoveryKey(short)).toThrow(expect.objectContaining({ code: 'recovery-key-invalid' }));
    const big = path.join(dir, 'elenco.csv');
    fs.writeFileSync(big, `${key.toString('hex')}\n`.repeat(100));
    expect(() => readRecoveryKey(big)).toThrow(expect.objectContaining({ code: 'recovery-key-invalid', userMessage: expect.stringContaining('«elenco.csv»') }));
    expect(() => readRecoveryKey(path.join(dir, 'manca.key'))).toThrow(expect.objectContaining({ code: 'recovery-key-unreadable' }));
  });

  it('does not go into the data folder, nor onto the disk of the backups', () => {
    const dataDir = tempDir();
    const backups = tempDir();
    expect(() => checkKeyPlace(path.join(dataDir, 'chiave.key'), { dataDir, backups: null })).toThrow(expect.objectContaining({ code: 'recovery-key-place', userMessage: expect.stringMatching(/cartella dei dati/) }));
    // Temporary folders share one disk: here, that of the backups.
    expect(() => checkKeyPlace(path.join(tempDir(), 'nuova', 'chiave.key'), { dataDir, backups })).toThrow(expect.objectContaining({ code: 'recovery-key-place', userMessage: expect.stringMatching(/disco delle copie/) }));
    expect(() => checkKeyPlace(path.join(tempDir(), 'chiave.key'), { dataDir, backups: null })).not.toThrow();
    // A backup disk not connected now is no reason to refuse.
    expect(() => checkKeyPlace(path.join(tempDir(), 'chiave.key'), { dataDir, backups: path.join(backups, 'scollegato') })).not.toThrow();
  });
});

describe('storing a recovery key', () => {
  const target = (opens: (key: Buffer) => boolean): KeyTarget => ({ keyId: 'a'.repeat(32), english: 'the backup', italian: 'questa copia di sicurezza', opens });

  it('stores only a key that opens its target, and leaves a key already there as it is', () => {
    const dir = tempDir();
    const keys = fileKeyStore(dir);
    const key = randomBytes(32);
    const right = target((k) => k.equals(key));
    expect(() => storeRecoveryKey(keys, right, randomBytes(32))).toThrow(expect.objectContaining({ code: 'recovery-key-wrong' }));
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(storeRecoveryKey(keys, right, key)).toEqual({ keyId: right.keyId, stored: true });
    expect(storeRecoveryKey(keys, right, key)).toEqual({ keyId: right.keyId, stored: false });
    // Another key for the same id is wrong without being tried.
    expect(() => storeRecoveryKey(keys, target(() => true), randomBytes(32))).toThrow(expect.objectContaining({ code: 'recovery-key-wrong' }));
    expect(keys.read(right.keyId)?.equals(key)).toBe(true);
  });
});
