/**
 * The files each built-in file adapter reads, and the recovery key's: the filters of the desktop
 * app's open dialog and the `accept` of browser mode's file input. Only a first sorting for the
 * user: the core still checks the content, and "all files" stays offered.
 */
export interface ImportFileType {
  /** What the dialog's filter is called. */
  label: string;
  extensions: readonly string[];
  /** The dialog's title, when it is not a file to import. */
  title?: string;
}

/** Not an adapter: what the page names when it asks the dialog for a recovery key file. */
export const RECOVERY_KEY_FILE = 'recovery-key';

const TABLE: ImportFileType = { label: 'Elenchi CSV o Excel', extensions: ['csv', 'txt', 'tsv', 'tab', 'xlsx', 'xlsm', 'xls'] };
const FHIR: ImportFileType = { label: 'Bundle FHIR (JSON)', extensions: ['json'] };
const KEY: ImportFileType = { label: 'Chiave di ripristino', extensions: ['key'], title: 'Scegli la chiave di ripristino' };

const BY_ADAPTER: Record<string, ImportFileType> = { 'ats-list': TABLE, 'mapped-file': TABLE, 'fhir-bundle': FHIR, [RECOVERY_KEY_FILE]: KEY };

/** null for an adapter whose files are not known (a plug-in's): any file. */
export function importFileType(adapter: string): ImportFileType | null {
  return Object.prototype.hasOwnProperty.call(BY_ADAPTER, adapter) ? (BY_ADAPTER[adapter] as ImportFileType) : null;
}
