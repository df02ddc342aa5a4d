import fs from 'node:fs';
import path from 'node:path';
import type { ConsentKind } from '../../shared/domain/enrollment';
import type { GeneratedDocument } from '../../shared/contract/enrollment';
import { documentFileName, renderConsentPdf, sha256Hex, type ConsentData } from '../documents/consentPdf';

/** Renders the consent documents and keeps a copy of each in the data folder. */
export class DocumentService {
  constructor(private readonly dataDir: string) {}

  async render(kind: ConsentKind, data: ConsentData): Promise<GeneratedDocument> {
    const bytes = await renderConsentPdf(kind, data);
    const fileName = documentFileName(kind, data);
    const dir = path.join(this.dataDir, 'documents', String(data.enrollmentId));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, fileName), bytes);
    return { kind, fileName, hash: sha256Hex(bytes), base64: Buffer.from(bytes).toString('base64') };
  }
}
