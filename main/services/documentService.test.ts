import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { DocumentTamperedError, isSealed } from '../documents/fileCipher';
import { DocumentService } from './documentService';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const filesUnder = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile());

describe('documents at rest', () => {
  it('stores scans encrypted, 0600, and reads them back only with the archive key', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const documents = new DocumentService(dir, key);
    const stored = documents.storeScan(7, 'privacy', PDF);
    const raw = fs.readFileSync(path.join(dir, stored.storedAs));
    expect(isSealed(raw)).toBe(true);
    expect(raw.includes(Buffer.from('%PDF'))).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, stored.storedAs)).mode & 0o777).toBe(0o600);
    expect(documents.readScan(stored.storedAs).equals(PDF)).toBe(true);
    expect(() => new DocumentService(dir, randomBytes(32)).readScan(stored.storedAs)).toThrow(DocumentTamperedError);
  });

  it('encrypts what an older version left in clear, dropping the codice fiscale from the names', () => {
    const dir = tempDir();
    const enrollment = path.join(dir, 'documents', '3');
    fs.mkdirSync(path.join(enrollment, 'scans'), { recursive: true });
    fs.writeFileSync(path.join(enrollment, 'patto-di-cura-RSSMRA58D12G388C-2026-11-23.pdf'), PDF);
    fs.writeFileSync(path.join(enrollment, 'scans', 'privacy-0123456789abcdef.pdf'), PDF);
    const documents = new DocumentService(dir, randomBytes(32));
    expect(documents.sealLegacy()).toBe(2);
    const files = filesUnder(path.join(dir, 'documents'));
    expect(files.some((f) => f.includes('RSSMRA58D12G388C'))).toBe(false);
    for (const f of files) expect(isSealed(fs.readFileSync(path.join(dir, 'documents', f)))).toBe(true);
    // The scan keeps the name the archive records for it, and reads back as it was.
    expect(documents.readScan(path.join('documents', '3', 'scans', 'privacy-0123456789abcdef.pdf')).equals(PDF)).toBe(true);
    expect(documents.sealLegacy()).toBe(0);
  });
});
