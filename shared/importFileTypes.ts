/**
 * The files each built-in file adapter reads: the filters of the desktop app's open dialog and the
 * `accept` of browser mode's file input. Only a first sorting for the user: the adapter still
 * checks the content, and "all files" stays offered.
 */
export interface ImportFileType {
  /** What the dialog's filter is called. */
  label: string;
  extensions: readonly string[];
}

const TABLE: ImportFileType = { label: 'Elenchi CSV o Excel', extensions: ['csv', 'txt', 'tsv', 'tab', 'xlsx', 'xlsm', 'xls'] };
const FHIR: ImportFileType = { label: 'Bundle FHIR (JSON)', extensions: ['json'] };

const BY_ADAPTER: Record<string, ImportFileType> = { 'ats-list': TABLE, 'mapped-file': TABLE, 'fhir-bundle': FHIR };

/** null for an adapter whose files are not known (a plug-in's): any file. */
export function importFileType(adapter: string): ImportFileType | null {
  return Object.prototype.hasOwnProperty.call(BY_ADAPTER, adapter) ? (BY_ADAPTER[adapter] as ImportFileType) : null;
}
