import type { ImportContext, ImportItem } from '../adapter';
import { FIELD_LABEL, hasCfHeader, matchColumns, type ColumnField } from './headers';
import { rowToItem, type FieldColumns } from './patientRow';
import { openTable, type Table } from './table';
import type { DateOrder } from './values';

/** Pieces shared by the two table adapters (ats-list, mapped-file). */

export function tableOptions(context: ImportContext) {
  return {
    signal: context.signal,
    onProgress: (read: number, total: number | null) => context.reportSize?.(read, total),
    isHeader: hasCfHeader,
  };
}

export function openForImport(path: string, context: ImportContext): Promise<Table> {
  return openTable(path, tableOptions(context));
}

/** Warnings about the columns: the combined name columns, the headers no field took. */
export function columnWarnings(table: Table, columns: FieldColumns, combinedName: number[], options: { names?: boolean } = {}): string[] {
  const warnings: string[] = [];
  for (const i of combinedName) {
    warnings.push(`La colonna «${table.headers[i]}» contiene cognome e nome insieme: non viene usata (servono due colonne separate).`);
  }
  if (columns.letterType !== undefined && columns.letterDate === undefined) {
    warnings.push('Manca la colonna della data della lettera: le lettere sono registrate senza data, da completare quando il paziente la porta.');
  }
  if (options.names !== false && (columns.surname === undefined || columns.givenName === undefined)) {
    warnings.push('Manca la colonna del cognome o del nome: i pazienti non ancora in archivio saranno scartati, quelli presenti solo aggiornati.');
  }
  const used = new Set(Object.values(columns));
  const unused = table.headers.filter((h, i) => !used.has(i) && !combinedName.includes(i) && table.rawHeaders[i]);
  if (unused.length) warnings.push(`Colonne non utilizzate: ${unused.map((h) => `«${h}»`).join(', ')}.`);
  return warnings;
}

export function describeColumns(table: Table, columns: FieldColumns): string {
  return (Object.entries(columns) as [ColumnField, number][])
    .map(([field, i]) => `${FIELD_LABEL[field]} = «${table.headers[i]}»`)
    .join(', ');
}

export { matchColumns };

/** Every data row of `table` as an ImportItem; closes the table at the end. */
export async function* tableItems(table: Table, columns: FieldColumns, context: ImportContext, dateOrder?: DateOrder): AsyncGenerator<ImportItem, void, undefined> {
  const { today } = context;
  try {
    for await (const r of table.rows) {
      if (context.signal.aborted) return;
      if (r.kind === 'reject') yield { kind: 'reject', row: r.row, reason: r.reason };
      else yield rowToItem(r.row, r.cells, columns, { today, dateOrder, mixedEncoding: r.mixedEncoding });
    }
  } finally {
    await table.close();
  }
}

/** The first `limit` items of a generator, closing it (a generator never started runs no `finally`: close the source too). */
export async function take<T>(items: AsyncGenerator<T, void, undefined>, limit: number): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) {
    await items.return();
    return out;
  }
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
