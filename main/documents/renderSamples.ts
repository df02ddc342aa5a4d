/**
 * Writes one sample of each document, for looking at the layout:
 *   npx tsx main/documents/renderSamples.ts [out-dir]      (default /tmp/pic-docs)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCatalogueCsv } from '../../shared/domain/catalogue';
import { ConsentKind } from '../../shared/domain/enrollment';
import { bookingSheetData, renderBookingSheetPdf } from './bookingSheetPdf';
import { documentFileName, renderConsentPdf, sha256Hex } from './consentPdf';
import { paiDocumentData, paiFileName, renderPaiPdf } from './paiPdf';
import { SAMPLE_BOOKING_SHEET, SAMPLE_CONSENT_DATA, SAMPLE_PAI_INPUT } from './sampleData';

const out = path.resolve(process.argv[2] ?? '/tmp/pic-docs');
fs.mkdirSync(out, { recursive: true });
const write = (name: string, bytes: Uint8Array): void => {
  const file = path.join(out, name);
  fs.writeFileSync(file, bytes);
  console.log(`${file}  ${bytes.length} bytes  sha256 ${sha256Hex(bytes)}`);
};
for (const kind of ConsentKind.options) write(documentFileName(kind, SAMPLE_CONSENT_DATA), await renderConsentPdf(kind, SAMPLE_CONSENT_DATA));
const pai = paiDocumentData(SAMPLE_PAI_INPUT);
write(paiFileName(pai), await renderPaiPdf(pai));
const catalogue = parseCatalogueCsv(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'shared', 'data', 'catalogo-prestazioni.csv'), 'utf8'));
write('prenotazione.pdf', await renderBookingSheetPdf(bookingSheetData({ ...SAMPLE_BOOKING_SHEET, catalogue })));
