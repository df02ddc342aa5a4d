import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { ImportFormatError, ImportSourceError } from '../errors';
import { baseName, emptyFileError, notCsvError, readCsvRecords, readHead, sniffBytes } from './csv';
import { assertXlsx, readXlsxRows } from './xlsx';

/**
 * A CSV or XLSX file as a table: kind chosen by extension and confirmed by content, the header
 * row found, then the data rows streamed with their line (CSV) or sheet row (XLSX) number. CSV
 * rows with the wrong number of fields become rejects.
 */

export type TableKind = 'csv' | 'xlsx';

export type TableRow =
  /** `mixedEncoding`: a CSV row in the other of UTF-8 and Windows-1252 than the file (read right, to be checked). */
  | { kind: 'row'; row: number; cells: string[]; mixedEncoding?: boolean }
  | { kind: 'reject'; row: number; reason: string };

export interface TableOptions {
  signal?: AbortSignal;
  onProgress?(bytesRead: number, totalBytes: number | null): void;
  /**
   * Which row is the header: the first of the first 20 non-empty rows that passes, else the first
   * non-empty row (title lines above a header are common in exported lists).
   */
  isHeader?(cells: readonly string[]): boolean;
}

export interface Table {
  kind: TableKind;
  /** Header names as shown to the user: blank ones named "Colonna N", repeats numbered. */
  headers: string[];
  /** The header cells as written. */
  rawHeaders: string[];
  headerRow: number;
  /** About the file as a whole (skipped title lines), in Italian; a row's own are its item's. */
  warnings: string[];
  /** Data rows; blank rows are skipped. Single use. */
  rows: AsyncGenerator<TableRow, void, undefined>;
  /** Stops reading and releases the file (when `rows` is not read to the end). */
  close(): Promise<void>;
}

const CSV_EXTENSIONS = ['.csv', '.txt', '.tsv', '.tab'];
const XLSX_EXTENSIONS = ['.xlsx', '.xlsm', '.xls'];
const HEADER_SEARCH_ROWS = 20;

/** CSV or XLSX, by extension and confirmed by content; throws ImportFormatError when they disagree. */
export async function tableKind(file: string): Promise<TableKind> {
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch (err) {
    throw fileError(file, err);
  }
  if (size === 0) throw emptyFileError(file);
  const ext = path.extname(file).toLowerCase();
  if (XLSX_EXTENSIONS.includes(ext)) {
    await assertXlsx(file);
    return 'xlsx';
  }
  const kind = sniffBytes(await readHead(file));
  if (CSV_EXTENSIONS.includes(ext)) {
    if (kind !== 'text') throw notCsvError(kind, file);
    return 'csv';
  }
  // Unknown extension: the content decides.
  if (kind === 'zip' || kind === 'ole' || kind === 'html') {
    await assertXlsx(file);
    return 'xlsx';
  }
  if (kind !== 'text') throw notCsvError(kind, file);
  return 'csv';
}

export function fileError(file: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new ImportSourceError('file-not-found', `${file} not found`, `Il file "${baseName(file)}" non esiste o è stato spostato (${file}).`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
    return new ImportSourceError(
      'file-not-readable',
      `${file}: ${(err as Error).message}`,
      `Il file "${baseName(file)}" non si può leggere: forse è aperto in un altro programma (Excel) o mancano i permessi.`,
    );
  }
  if (code === 'EISDIR') {
    return new ImportSourceError('not-a-file', `${file} is a directory`, `"${baseName(file)}" è una cartella, non un file.`);
  }
  // The cause stays in the log: what a reader's error says may quote the file.
  return new ImportSourceError('file-not-readable', `${file}: ${(err as Error).message}`, `Il file "${baseName(file)}" non si può leggere (errore di lettura del disco o del file).`);
}

interface RawRow {
  row: number;
  cells: string[];
  unterminated?: boolean;
  mixedEncoding?: boolean;
}

async function* rawRows(file: string, kind: TableKind, options: TableOptions): AsyncGenerator<RawRow, void, undefined> {
  if (kind === 'csv') {
    for await (const r of readCsvRecords(file, { signal: options.signal, onProgress: options.onProgress })) {
      yield { row: r.line, cells: r.fields, ...(r.unterminated && { unterminated: true }), ...(r.mixedEncoding && { mixedEncoding: true }) };
    }
  } else {
    yield* readXlsxRows(file, { signal: options.signal, onProgress: options.onProgress });
  }
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Display names for header cells: trimmed, blanks named by position, repeats numbered. */
export function displayHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let name = h.replace(/\s+/g, ' ').trim() || `Colonna ${i + 1}`;
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) name = `${name} (${n})`;
    return name;
  });
}

/** Opens a CSV or XLSX file and reads up to its header; throws ImportFormatError when unusable. */
export async function openTable(file: string, options: TableOptions = {}): Promise<Table> {
  const kind = await tableKind(file);
  const source = rawRows(file, kind, options);
  const warnings: string[] = [];
  const buffered: RawRow[] = [];
  let header: RawRow | null = null;
  let headerIndex = -1;
  try {
    for (;;) {
      const next = await source.next();
      if (next.done) break;
      if (isBlank(next.value.cells)) continue;
      buffered.push(next.value);
      if (!options.isHeader || options.isHeader(next.value.cells)) {
        header = next.value;
        headerIndex = buffered.length - 1;
        break;
      }
      if (buffered.length >= HEADER_SEARCH_ROWS) break;
    }
  } catch (err) {
    await source.return();
    throw fileError(file, err);
  }
  if (!header) {
    if (buffered.length === 0) {
      await source.return();
      if (options.signal?.aborted) return abortedTable(kind);
      throw kind === 'xlsx'
        ? new ImportFormatError('empty-file', `${file}: the first worksheet is empty`, `Il primo foglio del file "${baseName(file)}" è vuoto.`)
        : emptyFileError(file);
    }
    // No row passed: the first non-empty row is the header, the rest are data.
    header = buffered[0] as RawRow;
    headerIndex = 0;
  } else if (headerIndex > 0) {
    const skipped = headerIndex === 1 ? 'Ignorata 1 riga' : `Ignorate ${headerIndex} righe`;
    warnings.push(`${skipped} prima dell'intestazione (l'intestazione è alla riga ${header.row}).`);
  }
  const pending = buffered.slice(headerIndex + 1);
  const rawHeaders = header.cells.map((c) => c.trim());
  while (rawHeaders.length > 0 && rawHeaders[rawHeaders.length - 1] === '') rawHeaders.pop();
  const width = kind === 'csv' ? header.cells.length : rawHeaders.length;
  const minWidth = rawHeaders.length;
  const headerRow = header.row;

  async function* rows(): AsyncGenerator<TableRow, void, undefined> {
    try {
      const shape = (r: RawRow): TableRow | null => {
        if (isBlank(r.cells)) return null;
        if (r.unterminated) {
          return { kind: 'reject', row: r.row, reason: `Virgolette (") aperte alla riga ${r.row} e mai chiuse: il resto del file non si può leggere.` };
        }
        if (kind === 'xlsx') {
          const cells = r.cells.slice(0, width);
          while (cells.length < width) cells.push('');
          return { kind: 'row', row: r.row, cells };
        }
        const mixed = r.mixedEncoding ? { mixedEncoding: true } : {};
        // A trailing delimiter on the header or on the rows only is tolerated, nothing else.
        const n = r.cells.length;
        if (n === width) return { kind: 'row', row: r.row, cells: r.cells, ...mixed };
        if (n >= minWidth && (n < width || r.cells.slice(width).every((c) => c.trim() === ''))) {
          const cells = r.cells.slice(0, width);
          while (cells.length < width) cells.push('');
          return { kind: 'row', row: r.row, cells, ...mixed };
        }
        return {
          kind: 'reject',
          row: r.row,
          reason: `La riga ${r.row} ha ${n} campi invece dei ${minWidth} dell'intestazione (separatore o virgolette fuori posto): riga scartata.`,
        };
      };
      for (const r of pending) {
        const out = shape(r);
        if (out) yield out;
      }
      pending.length = 0;
      for (;;) {
        let next: IteratorResult<RawRow, void>;
        try {
          next = await source.next();
        } catch (err) {
          throw fileError(file, err);
        }
        if (next.done) break;
        const out = shape(next.value);
        if (out) yield out;
      }
    } finally {
      await source.return();
    }
  }

  const iterator = rows();
  return {
    kind,
    headers: displayHeaders(rawHeaders),
    rawHeaders,
    headerRow,
    warnings,
    rows: iterator,
    close: async () => {
      await iterator.return();
      await source.return();
    },
  };
}

function abortedTable(kind: TableKind): Table {
  async function* none(): AsyncGenerator<TableRow, void, undefined> {}
  return { kind, headers: [], rawHeaders: [], headerRow: 0, warnings: [], rows: none(), close: async () => {} };
}
