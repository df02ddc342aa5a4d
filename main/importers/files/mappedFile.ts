import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { ImportAdapter, ImportContext, ImportItem } from '../adapter';
import { ImportFormatError } from '../errors';
import { columnsSentence, FIELD_LABEL } from './headers';
import {
  ColumnMappingSchema,
  DateFormat,
  TARGET_FIELDS,
  loadMapping,
  type ColumnMapping,
  type TargetField,
} from './mappings';
import { rowToItem, type FieldColumns } from './patientRow';
import { openTable, type Table } from './table';
import { columnWarnings, matchColumns, tableItems, tableOptions } from './tabular';
import { fold } from './values';

/**
 * Any other record software's export (CSV or XLSX) with a column mapping chosen by the user:
 * given in the options, or saved by name (mappings.ts), or else guessed from the header names.
 */

export const MappedFileOptions = z.object({
  path: z.string().min(1, 'indicare il file da importare'),
  /** Target field -> source header. */
  mapping: ColumnMappingSchema.optional(),
  /** A mapping saved with saveMapping(); ignored when `mapping` is given. */
  mappingName: z.string().min(1).optional(),
  /** How to read all-two-digit dates such as 50/03/07 (default: day first). */
  dateFormat: DateFormat.optional(),
});
export type MappedFileOptions = z.infer<typeof MappedFileOptions>;

/** The mapping form needs the headers: the error carries them (the UI can also call readHeaders). */
export class MappingIncompleteError extends ImportFormatError {
  constructor(
    readonly headers: string[],
    readonly suggested: ColumnMapping,
    file: string,
  ) {
    super(
      'mapping-incomplete',
      `${file}: no source column is mapped to codiceFiscale`,
      `Associare la colonna del codice fiscale: nessuna colonna del file è indicata come «Codice fiscale». ${columnsSentence(headers, 'del file').it}`,
    );
  }
}

export interface ResolvedMapping {
  columns: FieldColumns;
  /** Target field -> header actually used. */
  mapping: ColumnMapping;
  source: 'options' | 'saved' | 'automatic';
  dateFormat: 'dmy' | 'ymd';
  warnings: string[];
}

/** The column of a mapped header: as shown, as written, or equal once folded. */
function findHeader(table: Table, header: string): number | undefined {
  let i = table.headers.indexOf(header);
  if (i < 0) i = table.rawHeaders.indexOf(header);
  if (i < 0) {
    const f = fold(header);
    i = table.headers.findIndex((h) => fold(h) === f);
  }
  return i < 0 ? undefined : i;
}

/** Which column feeds which field, from the options, a saved mapping or the header names. */
export async function resolveMapping(options: MappedFileOptions, context: ImportContext, table: Table): Promise<ResolvedMapping> {
  let wanted: ColumnMapping | null = null;
  let source: ResolvedMapping['source'] = 'automatic';
  let dateFormat = options.dateFormat;
  if (options.mapping) {
    wanted = options.mapping;
    source = 'options';
  } else if (options.mappingName) {
    const saved = await loadMapping(context.dataDir, options.mappingName);
    if (!saved) {
      throw new ImportFormatError(
        'mapping-not-found',
        `no saved mapping "${options.mappingName}"`,
        `L'associazione di colonne «${options.mappingName}» non esiste (forse è stata eliminata): sceglierne un'altra o rifarla.`,
      );
    }
    wanted = saved.mapping;
    source = 'saved';
    dateFormat ??= saved.dateFormat;
  }

  const warnings: string[] = [];
  const columns: FieldColumns = {};
  const mapping: ColumnMapping = {};
  if (wanted) {
    for (const field of TARGET_FIELDS) {
      const header = wanted[field];
      if (!header) continue;
      const i = findHeader(table, header);
      if (i === undefined) {
        if (field === 'codiceFiscale') {
          throw new ImportFormatError(
            'missing-column',
            `${options.path}: mapped codiceFiscale column "${header}" not found`,
            `La colonna «${header}» associata al codice fiscale non è nel file. ${columnsSentence(table.headers, 'del file').it}`,
          );
        }
        warnings.push(`La colonna «${header}» associata a «${FIELD_LABEL[field]}» non è nel file: campo ignorato.`);
        continue;
      }
      columns[field] = i;
      mapping[field] = table.headers[i];
    }
  } else {
    const matched = matchColumns(table.headers, TARGET_FIELDS);
    for (const [field, i] of Object.entries(matched.columns) as [TargetField, number][]) {
      columns[field] = i;
      mapping[field] = table.headers[i];
    }
    warnings.push(...columnWarnings(table, columns, matched.combinedName, { names: false }));
  }
  if (columns.codiceFiscale === undefined) throw new MappingIncompleteError(table.headers, mapping, options.path);
  if (columns.surname === undefined || columns.givenName === undefined) {
    warnings.push('Cognome e nome non sono entrambi associati: i pazienti non ancora in archivio saranno scartati, quelli presenti solo aggiornati.');
  }
  return { columns, mapping, source, dateFormat: dateFormat ?? 'dmy', warnings };
}

export interface MappedPreview {
  items: ImportItem[];
  warnings: string[];
  /** The file's headers, for the mapping form. */
  headers: string[];
  /** The first data rows as read (up to 5), for the mapping form. */
  sample: string[][];
  mapping: ColumnMapping;
  mappingSource: ResolvedMapping['source'];
}

export interface MappedFileAdapter extends ImportAdapter<MappedFileOptions> {
  preview(options: MappedFileOptions, limit: number, context: ImportContext): Promise<MappedPreview>;
}

const SAMPLE_ROWS = 5;

export const mappedFileAdapter: MappedFileAdapter = {
  id: 'mapped-file',
  name: 'File esportato da altro programma (colonne da associare)',
  description:
    "Un elenco di pazienti esportato da un altro programma di cartella clinica (CSV o Excel .xlsx): si indica quale colonna contiene il codice fiscale, il cognome, il nome e gli altri dati; l'associazione si può salvare e riusare.",
  source: 'file',
  options: MappedFileOptions,

  async detect(options, context) {
    let table: Table | null = null;
    try {
      table = await openTable(options.path, tableOptions(context));
      const headers = table.headers;
      try {
        const resolved = await resolveMapping(options, context, table);
        const how = resolved.source === 'automatic' ? 'riconosciute dai nomi' : resolved.source === 'saved' ? `dall'associazione «${options.mappingName}»` : 'associate';
        return { match: true, reason: `File ${table.kind.toUpperCase()} con ${headers.length} colonne, ${Object.keys(resolved.columns).length} ${how}.` };
      } catch (err) {
        if (err instanceof AppError && ['mapping-incomplete', 'missing-column'].includes(err.code)) {
          return { match: true, reason: `File ${table.kind.toUpperCase()} con ${headers.length} colonne: associare le colonne (almeno il codice fiscale).` };
        }
        throw err;
      }
    } catch (err) {
      return { match: false, reason: err instanceof AppError ? err.userMessage : (err as Error).message };
    } finally {
      await table?.close();
    }
  },

  async preview(options, limit, context) {
    const table = await openTable(options.path, tableOptions(context));
    try {
      if (context.signal.aborted) return { items: [], warnings: [], headers: table.headers, sample: [], mapping: {}, mappingSource: 'automatic' };
      const resolved = await resolveMapping(options, context, table);
      const { today } = context;
      const items: ImportItem[] = [];
      const sample: string[][] = [];
      for await (const r of table.rows) {
        if (context.signal.aborted) break;
        if (r.kind === 'row' && sample.length < SAMPLE_ROWS) sample.push(r.cells.slice(0, table.headers.length));
        if (items.length < limit) {
          items.push(r.kind === 'reject' ? r : rowToItem(r.row, r.cells, resolved.columns, { today, dateOrder: resolved.dateFormat, mixedEncoding: r.mixedEncoding }));
        }
        if (items.length >= limit && sample.length >= SAMPLE_ROWS) break;
      }
      return {
        items,
        warnings: [...table.warnings, ...resolved.warnings],
        headers: table.headers,
        sample,
        mapping: resolved.mapping,
        mappingSource: resolved.source,
      };
    } finally {
      await table.close();
    }
  },

  async *read(options, context) {
    const table = await openTable(options.path, tableOptions(context));
    if (context.signal.aborted) {
      await table.close();
      return;
    }
    let resolved: ResolvedMapping;
    try {
      resolved = await resolveMapping(options, context, table);
    } catch (err) {
      await table.close();
      throw err;
    }
    yield* tableItems(table, resolved.columns, context, resolved.dateFormat);
  },
};

/** The headers and the first rows of a CSV or XLSX file, for the mapping form. */
export async function readHeaders(path: string, options: { signal?: AbortSignal; sampleRows?: number } = {}): Promise<{ headers: string[]; sample: string[][] }> {
  const table = await openTable(path, { signal: options.signal, isHeader: (cells) => matchColumns(cells, ['codiceFiscale']).columns.codiceFiscale !== undefined });
  const max = options.sampleRows ?? SAMPLE_ROWS;
  const sample: string[][] = [];
  try {
    if (max > 0) {
      for await (const r of table.rows) {
        if (r.kind === 'row') sample.push(r.cells.slice(0, table.headers.length));
        if (sample.length >= max) break;
      }
    }
  } finally {
    await table.close();
  }
  return { headers: table.headers, sample };
}
