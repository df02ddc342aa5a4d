import type { SavedRecoveryKey } from '../../shared/contract/keys';

/** What Impostazioni says of the recovery key, saving it, showing it and loading it: the texts, apart from the screen. */

/** The key as it is written on paper: its 64 digits in 16 groups of four, in capitals (a «b» is not read as a «6»). */
export function keyGroups(fileText: string): string[] {
  return fileText.replace(/\s+/g, '').toUpperCase().match(/.{1,4}/g) ?? [];
}

/** After the desktop app's save dialog wrote the key file. */
export function keySavedText(saved: SavedRecoveryKey): string {
  return `Chiave di ripristino salvata in ${saved.path}. Custodire la chiavetta o il disco sotto chiave, lontano dal disco delle copie.`;
}

/** After the browser downloaded the key file: it lands in the browser's downloads, on this PC's disk, where it must not stay. */
export function keyDownloadedText(fileName: string): string {
  return (
    `Chiave di ripristino scaricata come «${fileName}» nella cartella dei download del browser. ` +
    'Spostarla subito su una chiavetta da custodire sotto chiave (non sul disco delle copie) e cancellarla dai download di questo computer.'
  );
}

/** How the key written on paper is used again on a new PC (its file's name is shown beside). */
export const PAPER_HINT =
  "Scrivere i 16 gruppi nell'ordine, e il nome del file. Su un nuovo computer ricopiarli in un file di testo con quel nome " +
  '(gli spazi tra i gruppi non contano) e caricarlo con «Carica la chiave di ripristino…» nel ripristino della copia.';

/** Whose key the backup has, once a key file was loaded for it (it opened the backup). */
export function keyLoadedText(stored: boolean): string {
  return stored
    ? 'Di un altro archivio: la sua chiave di ripristino è stata caricata ora, apre questa copia ed è salvata su questo computer.'
    : 'Di un altro archivio: la chiave caricata apre questa copia, ed era già su questo computer.';
}
