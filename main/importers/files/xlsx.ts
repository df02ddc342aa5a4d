import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors';
import { DamagedFileError, ImportFormatError } from '../errors';
import { baseName, emptyFileError, readHead, sniffBytes } from './csv';
import { StallGuard } from './stallGuard';
import { checkZipLayout } from './zipLayout';

/**
 * XLSX rows through exceljs's streaming WorkbookReader: the first (visible) worksheet, each row
 * as text cells. The workbook is never loaded whole; what exceljs keeps is the shared-strings
 * table and the styles (needed to tell dates from numbers).
 */

export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  /** Cells from column A, as text (dates as YYYY-MM-DD). */
  cells: string[];
}

export interface XlsxReadOptions {
  signal?: AbortSignal;
  onProgress?(bytesRead: number, totalBytes: number): void;
  /** Filled while reading. */
  info?: { sheetName?: string };
}

/** Checks that `path` is a real XLSX (a ZIP); throws the Italian explanation otherwise. */
export async function assertXlsx(path: string): Promise<void> {
  const stat = await fs.promises.stat(path);
  if (stat.size === 0) throw emptyFileError(path);
  const head = await readHead(path, 8192);
  const kind = sniffBytes(head);
  if (kind === 'zip') return;
  const name = baseName(path);
  if (kind === 'ole') {
    throw new ImportFormatError(
      'xls-not-supported',
      `${path} is an old binary Excel file (.xls)`,
      `Il file "${name}" è nel vecchio formato di Excel (.xls), che non è supportato. Aprirlo con Excel (o LibreOffice) e salvarlo come "Cartella di lavoro di Excel (.xlsx)" oppure come "CSV (delimitato dal separatore di elenco)", poi importare il nuovo file.`,
    );
  }
  if (kind === 'html') {
    throw new ImportFormatError(
      'not-xlsx',
      `${path} is an HTML page saved with an Excel extension`,
      `Il file "${name}" non è un vero file Excel: è una pagina HTML salvata come Excel (capita con le esportazioni da siti web). Aprirlo con Excel e salvarlo come "Cartella di lavoro di Excel (.xlsx)" o come CSV, poi importare il nuovo file.`,
    );
  }
  throw new ImportFormatError(
    'not-xlsx',
    `${path} is not an XLSX file (${kind})`,
    kind === 'text'
      ? `Il file "${name}" non è un file Excel ma un file di testo: se è un CSV, rinominarlo con estensione .csv.`
      : `Il file "${name}" non è un file Excel (.xlsx) valido.`,
  );
}

/** Text of an exceljs cell value: strings, numbers, dates, rich text, formulas, hyperlinks. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('result' in v) return cellText(v.result);
    if ('formula' in v || 'sharedFormula' in v || 'error' in v || 'sharedString' in v) return '';
    if ('text' in v) return cellText(v.text);
  }
  return String(value);
}

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

interface WorkbookModel {
  sheets?: { id?: number | string; name?: string; state?: string }[];
}

/**
 * exceljs's streaming reader (through unzipper 0.10) ends the entry stream as soon as the ZIP's
 * last bytes have been parsed, and the small entries still waiting in its buffers are lost
 * (exceljs issue #3064): with Excel's layout that can be sharedStrings.xml, with exceljs's own
 * workbook.xml. Feeding it the file with a large stored dummy entry just before the central
 * directory makes the parser wait until every real entry has been handed over. The ZIP is read
 * once, front to back; only its directory is checked first (zipLayout.ts).
 */
const PADDING_NAME = Buffer.from('pic-studio-padding.bin', 'utf8');
const PADDING_BYTES = 1024 * 1024;
let padding: Buffer | null = null;

function paddingEntry(): Buffer {
  if (padding) return padding;
  const data = Buffer.alloc(PADDING_BYTES);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(10, 4);
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt32LE(zlib.crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(PADDING_NAME.length, 26);
  padding = Buffer.concat([header, PADDING_NAME, data]);
  return padding;
}

function paddedZipStream(path: string, cdOffset: number | null, onBytes: (n: number) => void): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    const part = (start: number, end?: number) => fs.createReadStream(path, { start, end, highWaterMark: 256 * 1024 });
    for await (const chunk of (cdOffset === null ? part(0) : part(0, cdOffset - 1)) as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      yield chunk;
    }
    if (cdOffset === null) return;
    yield paddingEntry();
    for await (const chunk of part(cdOffset) as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      yield chunk;
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

/**
 * The longest a read of a workbook may wait with no byte read and no row given: beyond it the
 * reader is taken to be stuck. exceljs waits forever, without failing, on some damaged files that
 * pass the checks before it; a local or network disk answers well within this even when slow.
 */
export const XLSX_STALL_MS = 60_000;

function damagedError(path: string, reason: string, motivo: string): DamagedFileError {
  return new DamagedFileError(
    'file-damaged',
    `${path}: damaged XLSX: ${reason}`,
    `Il file Excel "${baseName(path)}" è danneggiato o incompleto (${motivo}): forse la copia o lo scaricamento si è interrotto. Farsi mandare di nuovo il file, oppure aprirlo con Excel e salvarlo di nuovo, poi riprovare.`,
  );
}

/**
 * exceljs pipes our stream into unzipper and stops listening to unzipper's errors while it waits
 * for the end of an entry: a file that ends early or an entry that does not inflate leaves it
 * waiting forever. The errors are taken where exceljs connects the two.
 */
function onUnzipError(stream: Readable, handle: (err: Error) => void): void {
  const pipe = stream.pipe.bind(stream);
  stream.pipe = ((destination: NodeJS.WritableStream, options?: { end?: boolean }) => {
    destination.on('error', handle);
    return pipe(destination, options);
  }) as typeof stream.pipe;
}

/** Streams the rows of the first worksheet. Returns quietly when `signal` is aborted. */
export async function* readXlsxRows(path: string, options: XlsxReadOptions = {}): AsyncGenerator<SheetRow, void, undefined> {
  await assertXlsx(path);
  const total = (await fs.promises.stat(path)).size;
  const layout = await checkZipLayout(path, total);
  if (!layout.ok) throw damagedError(path, layout.reason, layout.motivo);
  const guard = new StallGuard(XLSX_STALL_MS, () => damagedError(path, `no progress for ${XLSX_STALL_MS} ms`, 'la lettura si è bloccata'));
  let bytesRead = 0;
  const cd = layout.centralDirectory;
  const stream = paddedZipStream(path, cd && cd > 0 ? cd : null, (n) => {
    bytesRead += n;
    guard.touch();
    options.onProgress?.(bytesRead, total);
  });
  onUnzipError(stream, (err) => guard.fail(damagedError(path, `unzip: ${err.message}`, 'i dati compressi non si leggono')));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // exceljs reads a sheet as soon as it has the shared strings and the relationships; when
  // workbook.xml comes later in the ZIP (some writers, exceljs itself at times) it would read
  // `model.sheets` and `properties.model` of nothing: start them empty. The real ones replace them
  // when workbook.xml arrives; until then the first sheet in the ZIP is taken.
  const internals = reader as unknown as { model?: WorkbookModel; properties?: unknown };
  internals.model = { sheets: [] };
  internals.properties = { model: { date1904: false } };
  const signal = options.signal;
  let sawSheet = false;
  try {
    for await (const sheet of guard.watch(reader)) {
      const model = (reader as unknown as { model?: WorkbookModel }).model;
      const sheets = model?.sheets ?? [];
      const first = sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0];
      const ws = sheet as unknown as { id?: unknown; name?: string };
      if (first && first.name !== undefined && ws.name !== first.name) continue;
      sawSheet = true;
      if (options.info) options.info.sheetName = ws.name;
      for await (const row of guard.watch(sheet)) {
        if (signal?.aborted) return;
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) {
          const v = values[c];
          if (typeof v === 'object' && v !== null && 'sharedString' in v) {
            // The shared strings were not read: the text of the cells is unknown.
            throw new Error('shared strings table missing');
          }
          cells.push(cellText(v).trim());
        }
        while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
        yield { row: row.number, cells };
      }
      break;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new ImportFormatError(
      'not-xlsx',
      `${path}: cannot read the workbook: ${(err as Error).message}`,
      `Il file Excel "${baseName(path)}" è danneggiato o non leggibile. Aprirlo con Excel, salvarlo di nuovo come .xlsx (o come CSV) e riprovare.`,
    );
  } finally {
    stream.destroy();
  }
  if (!sawSheet && !signal?.aborted) {
    throw new ImportFormatError(
      'not-xlsx',
      `${path}: no worksheet found`,
      `Il file "${baseName(path)}" non contiene fogli di lavoro Excel (se è un foglio di LibreOffice .ods o un altro archivio, salvarlo come .xlsx o CSV).`,
    );
  }
}
