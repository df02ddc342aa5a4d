import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../main/core';
import { DocumentService } from '../../main/services/documentService';
import { pic } from '../support/cli';
import { tempDir } from '../support/tempDir';

/** A studio's data folder copied off the PC (a stolen disk, a careless share) tells nothing without its key. */

const PDF = Buffer.from('%PDF-1.4\n% Patto di Cura\n%%EOF\n');

function bytesUnder(dir: string): Buffer {
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile());
  return Buffer.concat(files.map((f) => Buffer.concat([Buffer.from(f), fs.readFileSync(path.join(dir, f))])));
}

describe('a copied data folder', () => {
  it('holds no readable patient, and opens only with its key', async () => {
    const dir = tempDir('pic-stolen-');
    const core = new Core({ dataDir: dir, createAs: 'demo' });
    core.services.demoSeed.seed(60, 5);
    const patients = core.store.database.sqlite.prepare('SELECT codice_fiscale AS cf, surname FROM patients').all() as { cf: string; surname: string }[];
    new DocumentService(dir, core.store.database.key).storeScan(1, 'patto_di_cura', PDF);
    await core.close();

    const copy = path.join(tempDir('pic-copy-'), 'copia');
    fs.cpSync(dir, copy, { recursive: true });
    const bytes = bytesUnder(copy);
    for (const p of patients) expect(bytes.includes(Buffer.from(p.cf)), p.cf).toBe(false);
    expect(bytes.includes(Buffer.from('Patto di Cura'))).toBe(false);

    // On another PC (another key folder) the copy is refused, and not replaced by an empty archive.
    const elsewhere = pic(['patients', 'find', 'ros', '--data-dir', copy, '--json'], { env: { PIC_KEY_DIR: tempDir('pic-other-keys-') } });
    expect(elsewhere.status).not.toBe(0);
    expect(elsewhere.stdout + elsewhere.stderr).toMatch(/key of the encrypted database/);
    expect(bytesUnder(copy).equals(bytes)).toBe(true);
    // Here, with its key, the copy is the archive.
    expect(pic(['patients', 'find', 'ros', '--data-dir', copy, '--json']).status).toBe(0);
  });
});
