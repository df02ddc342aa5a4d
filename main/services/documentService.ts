import fs from 'node:fs';
import path from 'node:path';
import type { ConsentKind } from '../../shared/domain/enrollment';
import type { GeneratedDocument } from '../../shared/contract/enrollment';
import { documentFileName, renderConsentPdf, sha256Hex, type ConsentData } from '../documents/consentPdf';
import { documentKey, isSealed, unseal, writeSealed } from '../documents/fileCipher';
import { SCAN_MEDIA_TYPES, scanMediaType, type ScanMediaType } from '../documents/scanFile';
import { createLogger } from '../log';

const log = createLogger('documents');

/** A codice fiscale in a file name: documents of older versions were named with the patient's. */
const CF_IN_NAME = /[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/;

export interface StoredScan {
  /** Relative to the data folder. */
  storedAs: string;
  mediaType: ScanMediaType;
  bytes: number;
  sha256: string;
}

/**
 * Renders the consent documents and keeps them, and the scans of the signed copies, in the data
 * folder: encrypted with a key derived from the archive's (AES-256-GCM), named without the
 * patient's codice fiscale, so that a copied folder shows nobody's documents.
 */
export class DocumentService {
  private readonly key: Buffer;

  constructor(
    private readonly dataDir: string,
    databaseKey: Buffer,
  ) {
    this.key = documentKey(databaseKey);
  }

  async render(kind: ConsentKind, data: ConsentData): Promise<Omit<GeneratedDocument, 'copy'>> {
    const bytes = await renderConsentPdf(kind, data);
    const hash = sha256Hex(bytes);
    writeSealed(this.key, path.join(this.enrollmentDir(data.enrollmentId), `${kind}-${hash.slice(0, 16)}.pdf.enc`), bytes);
    // The name the user saves it under, with the patient's codice fiscale, only travels to the UI.
    return { kind, fileName: documentFileName(kind, data), hash, base64: Buffer.from(bytes).toString('base64') };
  }

  /**
   * Writes a scan under documents/<enrollment>/scans, named by kind and content hash (the same
   * file attached twice is one file). Throws ScanFormatError for what is not a scan.
   */
  storeScan(enrollmentId: number, kind: ConsentKind, bytes: Uint8Array): StoredScan {
    const mediaType = scanMediaType(bytes);
    const sha256 = sha256Hex(bytes);
    const relative = path.join('documents', String(enrollmentId), 'scans', `${kind}-${sha256.slice(0, 16)}.${SCAN_MEDIA_TYPES[mediaType]}`);
    writeSealed(this.key, path.join(this.dataDir, relative), bytes);
    return { storedAs: relative, mediaType, bytes: bytes.length, sha256 };
  }

  /** Removes a scan whose record could not be written (no file without its record). */
  discardScan(storedAs: string): void {
    fs.rmSync(path.join(this.dataDir, storedAs), { force: true });
  }

  readScan(storedAs: string): Buffer {
    const file = path.join(this.dataDir, storedAs);
    return unseal(this.key, fs.readFileSync(file), file);
  }

  /**
   * Documents an older version left in clear are encrypted in place (scans keep their names, which
   * the archive records; documents named with a codice fiscale lose it). Returns how many.
   */
  sealLegacy(): number {
    const root = path.join(this.dataDir, 'documents');
    if (!fs.existsSync(root)) return 0;
    let sealed = 0;
    for (const relative of fs.readdirSync(root, { recursive: true }).map(String)) {
      const file = path.join(root, relative);
      if (!fs.statSync(file).isFile() || file.endsWith('.part')) continue;
      const bytes = fs.readFileSync(file);
      if (isSealed(bytes)) continue;
      const name = path.basename(file);
      const target = CF_IN_NAME.test(name) ? path.join(path.dirname(file), `${name.replace(CF_IN_NAME, 'paziente')}.enc`) : file;
      writeSealed(this.key, target, bytes);
      if (target !== file) fs.rmSync(file);
      sealed++;
    }
    if (sealed > 0) log.info('documents of an older version encrypted', { sealed });
    return sealed;
  }

  private enrollmentDir(enrollmentId: number): string {
    return path.join(this.dataDir, 'documents', String(enrollmentId));
  }
}
