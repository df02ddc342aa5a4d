import fs from 'node:fs';
import path from 'node:path';
import type { ConsentKind } from '../../shared/domain/enrollment';
import type { GeneratedDocument } from '../../shared/contract/enrollment';
import { documentFileName, renderConsentPdf, sha256Hex, type ConsentData } from '../documents/consentPdf';
import { SCAN_MEDIA_TYPES, scanMediaType, type ScanMediaType } from '../documents/scanFile';

export interface StoredScan {
  /** Relative to the data folder. */
  storedAs: string;
  mediaType: ScanMediaType;
  bytes: number;
  sha256: string;
}

/** Renders the consent documents and keeps them, and the scans of the signed copies, in the data folder. */
export class DocumentService {
  constructor(private readonly dataDir: string) {}

  async render(kind: ConsentKind, data: ConsentData): Promise<Omit<GeneratedDocument, 'copy'>> {
    const bytes = await renderConsentPdf(kind, data);
    const fileName = documentFileName(kind, data);
    const dir = this.enrollmentDir(data.enrollmentId);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, fileName), bytes);
    return { kind, fileName, hash: sha256Hex(bytes), base64: Buffer.from(bytes).toString('base64') };
  }

  /**
   * Writes a scan under documents/<enrollment>/scans, named by kind and content hash (the same
   * file attached twice is one file). Throws ScanFormatError for what is not a scan.
   */
  storeScan(enrollmentId: number, kind: ConsentKind, bytes: Uint8Array): StoredScan {
    const mediaType = scanMediaType(bytes);
    const sha256 = sha256Hex(bytes);
    const relative = path.join('documents', String(enrollmentId), 'scans', `${kind}-${sha256.slice(0, 16)}.${SCAN_MEDIA_TYPES[mediaType]}`);
    const file = path.join(this.dataDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.part`;
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, file);
    return { storedAs: relative, mediaType, bytes: bytes.length, sha256 };
  }

  /** Removes a scan whose record could not be written (no file without its record). */
  discardScan(storedAs: string): void {
    fs.rmSync(path.join(this.dataDir, storedAs), { force: true });
  }

  readScan(storedAs: string): Buffer {
    return fs.readFileSync(path.join(this.dataDir, storedAs));
  }

  private enrollmentDir(enrollmentId: number): string {
    return path.join(this.dataDir, 'documents', String(enrollmentId));
  }
}
