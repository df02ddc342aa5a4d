/**
 * The PAI as a PDF for the patient, from assets/templates/pai.md: two copies, the doctor's and
 * the patient's, each ending with the MMG's and the patient's signatures. Deterministic: the
 * same data, template, words and fonts give the same bytes.
 */
import { documentAssetsDir } from './assets';
import { COPY_LABELS } from './consentPdf';
import { frameValue } from './documentParties';
import { loadTemplate, renderDocumentPdf } from './documentPdf';
import { PAI_LABELS, PAI_LISTS, PAI_PLACEHOLDERS, type PaiDocumentData, type PaiPlaceholder } from './paiData';
import type { CopyFrame } from './pdfRender';
import { fillTemplate, type Template } from './templates';

export { paiDocumentData, type PaiDocumentData, type PaiDocumentInput } from './paiData';

const PAI_TEMPLATE = 'pai.md';

const PAI_LIST_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries(PAI_LISTS).map(([list, fields]) => [list, new Set(Object.keys(fields))]),
);

/** Reads and parses pai.md from the assets folder (re-read every time: it is editable). */
export function loadPaiTemplate(assetsDir: string = documentAssetsDir()): Template {
  return loadTemplate(PAI_TEMPLATE, assetsDir, { known: new Set(Object.keys(PAI_PLACEHOLDERS)), lists: PAI_LIST_FIELDS });
}

/**
 * Renders the PAI. Throws TemplateError for a bad template or a required value that is missing
 * (in Italian: "manca il dato richiesto «telefono dello studio»"), UnprintableCharacterError,
 * DocumentAssetsError.
 */
export async function renderPaiPdf(data: PaiDocumentData): Promise<Uint8Array> {
  const assetsDir = documentAssetsDir();
  const filled = fillTemplate(loadPaiTemplate(assetsDir), data.values, { labels: PAI_LABELS, lists: data.lists });
  const value = (name: PaiPlaceholder): string => frameValue(PAI_TEMPLATE, data.values, PAI_LABELS, name);
  const patient = `${value('paziente_cognome')} ${value('paziente_nome')}`;
  const cf = value('paziente_codice_fiscale');
  const plan = `PAI ${value('anno')}, versione ${value('versione')}`;
  const frames: CopyFrame[] = COPY_LABELS.map((label) => ({
    label,
    headerRight: `${plan} · valido dal ${value('valido_dal')} al ${value('valido_al')}`,
    footerLeft: `Piano di Assistenza Individuale · ${patient} · C.F. ${cf}`,
  }));
  return renderDocumentPdf(
    filled,
    frames,
    { title: `${filled.title} – ${patient}`, author: value('gestore'), subject: `${plan} – presa in carico (DGR X/6164/2017)`, keywords: [cf, plan], date: data.date },
    assetsDir,
  );
}

/** "pai-RSSMRA50C07F205X-2025-v2.pdf". */
export function paiFileName(data: PaiDocumentData): string {
  const value = (name: PaiPlaceholder): string => frameValue(PAI_TEMPLATE, data.values, PAI_LABELS, name);
  return `pai-${value('paziente_codice_fiscale')}-${value('anno')}-v${value('versione')}.pdf`;
}
