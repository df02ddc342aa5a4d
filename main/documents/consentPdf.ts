/**
 * The enrollment documents: the Patto di Cura and the privacy information with the consent, each
 * printed twice (the doctor's copy and the patient's copy) into one deterministic PDF.
 */
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
import { loadTemplate, renderDocumentPdf } from './documentPdf';
import type { CopyFrame } from './pdfRender';
import { fillTemplate, type Template } from './templates';

export { sha256Hex } from './hash';
export type { ConsentData, ConsentKind } from './consentData';

/** Template file (in assets/templates), file-name stem and short name (page footer) of each document. */
export const CONSENT_DOCUMENTS: Readonly<Record<ConsentKind, { template: string; stem: string; shortName: string }>> = {
  patto_di_cura: { template: 'patto-di-cura.md', stem: 'patto-di-cura', shortName: 'Patto di Cura' },
  privacy: { template: 'privacy.md', stem: 'privacy', shortName: 'Informativa privacy e consenso' },
};

/** The two copies, in print order. */
export const COPY_LABELS = ['Copia per il medico', 'Copia per il paziente'] as const;

/** Reads and parses a document's template from the assets folder (re-read every time: it is editable). */
export function loadConsentTemplate(kind: ConsentKind, assetsDir: string = documentAssetsDir()): Template {
  return loadTemplate(CONSENT_DOCUMENTS[kind].template, assetsDir, { known: CONSENT_PLACEHOLDER_NAMES, choices: CONSENT_CHOICE_NAMES });
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
  const frames: CopyFrame[] = COPY_LABELS.map((label) => ({
    label,
    headerRight: `Arruolamento n. ${checked.enrollmentId} del ${formatItalianDate(checked.date)}`,
    footerLeft: `${CONSENT_DOCUMENTS[kind].shortName} · ${patient.surname} ${patient.givenName} · C.F. ${patient.codiceFiscale}`,
  }));
  return renderDocumentPdf(
    filled,
    frames,
    {
      title: `${filled.title} – ${patient.surname} ${patient.givenName}`,
      author: studio.gestore,
      subject: `Presa in carico (DGR X/6164/2017) – arruolamento n. ${checked.enrollmentId}`,
      keywords: [patient.codiceFiscale, `arruolamento ${checked.enrollmentId}`],
      date: checked.date,
    },
    assetsDir,
  );
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
