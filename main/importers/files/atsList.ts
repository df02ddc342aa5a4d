import { z } from 'zod';
import type { ImportAdapter, ImportContext, ImportItem } from '../adapter';
import { AppError } from '../../../shared/errors';
import { missingColumnError, type ColumnField } from './headers';
import { columnWarnings, describeColumns, matchColumns, openForImport, tableItems, take } from './tabular';
import type { Table } from './table';
import type { FieldColumns } from './patientRow';

/**
 * The ATS list: the per-MMG list of chronic patients that the ATS sent each doctor, as CSV or
 * XLSX. It carries what the record software does not know: the chronic level, the regional
 * pathology codes and the letter the patient received (type and date).
 */

export const AtsListOptions = z.object({ path: z.string().min(1, 'indicare il file della lista ATS') });
export type AtsListOptions = z.infer<typeof AtsListOptions>;

const ATS_FIELDS: readonly ColumnField[] = [
  'codiceFiscale',
  'surname',
  'givenName',
  'birthDate',
  'sex',
  'chronicLevel',
  'pathologies',
  'letterType',
  'letterDate',
  'phone',
  'mobile',
  'email',
  'exemptions',
];
/** At least one of these tells an ATS list from a plain list of patients. */
const ATS_MARKERS: readonly ColumnField[] = ['chronicLevel', 'pathologies', 'letterType'];

async function open(options: AtsListOptions, context: ImportContext): Promise<{ table: Table; columns: FieldColumns; warnings: string[] } | null> {
  const table = await openForImport(options.path, context);
  if (context.signal.aborted) {
    await table.close();
    return null;
  }
  const { columns, combinedName } = matchColumns(table.headers, ATS_FIELDS);
  if (columns.codiceFiscale === undefined) {
    await table.close();
    throw missingColumnError('codiceFiscale', table.headers, options.path);
  }
  const warnings = [...table.warnings, ...columnWarnings(table, columns, combinedName)];
  if (!ATS_MARKERS.some((f) => columns[f] !== undefined)) {
    warnings.push('Il file non ha colonne di livello, patologie o tipo lettera: non sembra una lista ATS (usare "File esportato da altro programma").');
  }
  return { table, columns, warnings };
}

export const atsListAdapter: ImportAdapter<AtsListOptions> = {
  id: 'ats-list',
  name: 'Lista ATS dei pazienti cronici',
  description:
    "L'elenco dei pazienti cronici inviato dall'ATS al medico (file CSV o Excel .xlsx): codice fiscale, livello di cronicità, patologie (codici regionali), tipo e data della lettera.",
  source: 'file',
  options: AtsListOptions,

  async detect(options, context) {
    let table: Table | null = null;
    try {
      table = await openForImport(options.path, context);
      const { columns } = matchColumns(table.headers, ATS_FIELDS);
      if (columns.codiceFiscale === undefined) return { match: false, reason: 'Nessuna colonna del codice fiscale.' };
      const markers = ATS_MARKERS.filter((f) => columns[f] !== undefined);
      if (markers.length === 0) return { match: false, reason: 'Nessuna colonna di livello, patologie o tipo lettera: non sembra una lista ATS.' };
      return { match: true, reason: `Lista ATS (${table.kind.toUpperCase()}): ${describeColumns(table, columns)}.` };
    } catch (err) {
      return { match: false, reason: err instanceof AppError ? err.userMessage : (err as Error).message };
    } finally {
      await table?.close();
    }
  },

  async preview(options, limit, context) {
    const opened = await open(options, context);
    if (!opened) return { items: [], warnings: [] };
    const { table, columns, warnings } = opened;
    let items: ImportItem[];
    try {
      items = await take(tableItems(table, columns, context), limit);
    } finally {
      await table.close();
    }
    return { items, warnings: [...warnings, ...table.warnings.filter((w) => !warnings.includes(w))] };
  },

  async *read(options, context) {
    const opened = await open(options, context);
    if (!opened) return;
    yield* tableItems(opened.table, opened.columns, context);
  },
};
