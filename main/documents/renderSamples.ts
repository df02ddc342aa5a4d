/**
 * Writes one sample of each document, for looking at the layout:
 *   npx tsx main/documents/renderSamples.ts [out-dir]      (default /tmp/pic-docs)
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConsentKind } from '../../shared/domain/enrollment';
import { documentFileName, renderConsentPdf, sha256Hex } from './consentPdf';
import { SAMPLE_CONSENT_DATA } from './sampleData';

const out = path.resolve(process.argv[2] ?? '/tmp/pic-docs');
fs.mkdirSync(out, { recursive: true });
for (const kind of ConsentKind.options) {
  const bytes = await renderConsentPdf(kind, SAMPLE_CONSENT_DATA);
  const file = path.join(out, documentFileName(kind, SAMPLE_CONSENT_DATA));
  fs.writeFileSync(file, bytes);
  console.log(`${file}  ${bytes.length} bytes  sha256 ${sha256Hex(bytes)}`);
}
