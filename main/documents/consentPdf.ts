/**
 * The enrollment documents: the Patto di Cura and the privacy information with the consent, each
 * printed twice (the doctor's copy and the patient's copy) into one deterministic PDF.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { formatItalianDate } from '../../shared/domain/dates';
import { documentAssetsDir } from './assets';
import {
  CONSENT_CHOICE_NAMES,
  CONSENT_PLACEHOLDER_NAMES,
  CONSENT_PLACEHOLDERS,
  checkConsentData,
  consentChoiceIndexes,
  consentPlaceholderValues,
  type ConsentData,
  type ConsentKind,
} from './consentData';
import { TemplateError } from './errors';
import { assertPrintable, embedDocumentFonts, fontMetrics } from './fonts';
import { A4, layoutDocument } from './layout';
import { drawCopy, pageLabel, type CopyFrame } from './pdfRender';
import { fillTemplate, parseTemplate, type FilledDocument, type Run, type Template } from './templates';

export { sha256Hex } from './hash';
export type { ConsentData, ConsentKind } from './consentData';

/** Template file (in assets/templates), file-name stem and short name (page footer) of each document. */
export const CONSENT_DOCUMENTS: Readonly<Record<ConsentKind, { template: string; stem: string; shortName: string }>> = {
  patto_di_cura: { template: 'patto-di-cura.md', stem: 'patto-di-cura', shortName: 'Patto di Cura' },
  privacy: { template: 'privacy.md', stem: 'privacy', shortName: 'Informativa privacy e consenso' },
};

/** The two copies, in print order. */
export const COPY_LABELS = ['Copia per il medico', 'Copia per il paziente'] as const;

const CREATOR = 'PiC Studio';
const PRODUCER = 'PiC Studio document generator (pdf-lib)';

/** Reads and parses a document's template from the assets folder (re-read every time: it is editable). */
export function loadConsentTemplate(kind: ConsentKind, assetsDir: string = documentAssetsDir()): Template {
  const name = CONSENT_DOCUMENTS[kind].template;
  const file = path.join(assetsDir, 'templates', name);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new TemplateError(
      'not-found',
      name,
      undefined,
      `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`,
      `il file ${file} non è leggibile`,
    );
  }
  return parseTemplate(name, source, { known: CONSENT_PLACEHOLDER_NAMES, choices: CONSENT_CHOICE_NAMES });
}

/** Every piece of text the document will draw, for the glyph check. */
function textsOf(doc: FilledDocument): Run[] {
  const runs: Run[] = [];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'pageBreak':
        break;
      case 'choices':
        runs.push(...block.options.flat());
        break;
      case 'signatures':
        for (const note of block.notes) runs.push(...note.cells.flat());
        for (const signer of block.signers) runs.push(...signer.label, ...signer.caption);
        break;
      case 'title':
      case 'heading':
        runs.push(...block.content.map((r) => ({ ...r, bold: true })));
        break;
      default:
        runs.push(...block.content);
    }
  }
  return runs;
}

/** Noon UTC of the document's day: the same calendar day in every time zone a viewer may use. */
function documentInstant(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12, 0, 0));
}

/**
 * Renders one document as a PDF holding two copies, each starting on a new page: "Copia per il
 * medico" then "Copia per il paziente", each numbered "Pagina x di y" and ending with the
 * signature lines. The output depends only on kind, data, the template and the fonts: the same
 * input gives the same bytes (see sha256Hex).
 *
 * Throws InvalidInputError / InvalidCodiceFiscaleError for malformed data, TemplateError for a
 * bad template or a required placeholder without value, UnprintableCharacterError, DocumentAssetsError.
 */
export async function renderConsentPdf(kind: ConsentKind, data: ConsentData): Promise<Uint8Array> {
  const checked = checkConsentData(data);
  const assetsDir = documentAssetsDir();
  const template = loadConsentTemplate(kind, assetsDir);
  const filled = fillTemplate(template, consentPlaceholderValues(checked), {
    labels: CONSENT_PLACEHOLDERS,
    choices: consentChoiceIndexes(checked.choices),
  });
  const { patient, studio } = checked;

  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc, assetsDir);
  const frames: CopyFrame[] = COPY_LABELS.map((label) => ({
    label,
    headerRight: `Arruolamento n. ${checked.enrollmentId} del ${formatItalianDate(checked.date)}`,
    footerLeft: `${CONSENT_DOCUMENTS[kind].shortName} · ${patient.surname} ${patient.givenName} · C.F. ${patient.codiceFiscale}`,
  }));
  assertPrintable(fonts, [
    ...textsOf(filled),
    ...frames.flatMap((f) => [
      { text: f.label, bold: true },
      { text: `${f.headerRight} ${f.footerLeft} ${pageLabel(1, 1)}…`, bold: false },
    ]),
  ]);

  const pages = layoutDocument(filled, fontMetrics(fonts), A4);
  for (const frame of frames) drawCopy(doc, pages, fonts, A4, frame);

  const instant = documentInstant(checked.date);
  doc.setTitle(`${filled.title} – ${patient.surname} ${patient.givenName}`, { showInWindowTitleBar: true });
  doc.setAuthor(studio.gestore);
  doc.setSubject(`Presa in carico (DGR X/6164/2017) – arruolamento n. ${checked.enrollmentId}`);
  doc.setKeywords([patient.codiceFiscale, `arruolamento ${checked.enrollmentId}`]);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setLanguage('it-IT');
  doc.setCreationDate(instant);
  doc.setModificationDate(instant);
  return doc.save({ useObjectStreams: true });
}

/**
 * "patto-di-cura-RSSMRA50C07F205X-2024-03-15.pdf", "privacy-<CF>-<date>.pdf"; a copy with the
 * recorded answers ticked is "privacy-<CF>-<date>-risposte.pdf", beside the form that was signed.
 */
export function documentFileName(kind: ConsentKind, data: ConsentData): string {
  const checked = checkConsentData(data);
  const answered = checked.choices === undefined ? '' : '-risposte';
  return `${CONSENT_DOCUMENTS[kind].stem}-${checked.patient.codiceFiscale}-${checked.date}${answered}.pdf`;
}
