import fs from 'node:fs';
import { ImportFormatError } from '../errors';
import { FieldDecoder, SourceDecoder, type TextEncoding } from './encoding';

/**
 * A streaming CSV reader (RFC 4180 with the usual liberties of Italian exports): the delimiter
 * (`;`, `,` or tab) is detected from the header line; quoted fields may hold delimiters, doubled
 * quotes and line breaks; CRLF, LF and CR end records; the encoding is detected (encoding.ts).
 * Memory is bounded by the longest record, never by the file.
 */

export type Delimiter = ';' | ',' | '\t';

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
  /** The file ended inside a quoted field: the record runs to the end of the file. */
  unterminated?: boolean;
  /** A field is in the other of UTF-8 and Windows-1252 than the file (and was decoded as such). */
  mixedEncoding?: boolean;
}

/** A record longer than this is a runaway quote, not data. */
export const MAX_RECORD_CHARS = 1_000_000;
const MAX_FIELDS = 5_000;
const CHUNK_BYTES = 256 * 1024;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A push parser: `write` text, collect records; `end` flushes the last one. */
export class CsvParser {
  private fields: string[] = [];
  private field = '';
  private recordChars = 0;
  /** Inside a quoted field. */
  private quoted = false;
  /** A quote closed the field's quoted part: what follows up to the delimiter is appended. */
  private afterQuote = false;
  /** A quote was the last character of a chunk inside a quoted field: "" or the closing one? */
  private quotePending = false;
  /** The previous chunk ended with CR: a leading LF belongs to it. */
  private skipLf = false;
  private line = 1;
  /** The last character of quoted text seen was a CR (its LF may come next). */
  private quotedCr = false;
  private recordLine = 1;
  private readonly delim: number;

  constructor(delimiter: Delimiter) {
    this.delim = delimiter.charCodeAt(0);
  }

  write(text: string, out: CsvRecord[]): void {
    const n = text.length;
    let i = 0;
    if (n === 0) return;
    if (this.skipLf) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    if (this.quotePending) {
      this.quotePending = false;
      if (text.charCodeAt(i) === QUOTE) {
        this.append('"');
        i++;
      } else {
        this.quoted = false;
        this.afterQuote = true;
      }
    }
    const delim = this.delim;
    while (i < n) {
      if (this.quoted) {
        const q = text.indexOf('"', i);
        const end = q < 0 ? n : q;
        this.appendCountingLines(text, i, end);
        if (q < 0) return;
        if (q + 1 >= n) {
          this.quotePending = true;
          return;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          this.append('"');
          i = q + 2;
        } else {
          this.quoted = false;
          this.afterQuote = true;
          i = q + 1;
        }
        continue;
      }
      // Unquoted: scan to the next delimiter or line break.
      let j = i;
      let c = 0;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === delim || c === LF || c === CR) break;
        if (c === QUOTE && j === i && this.field.length === 0 && !this.afterQuote) break;
        j++;
      }
      if (j > i) this.append(text.slice(i, j));
      if (j >= n) return;
      if (c === QUOTE && j === i && this.field.length === 0 && !this.afterQuote) {
        this.quoted = true;
        i = j + 1;
        continue;
      }
      this.endField();
      if (c === delim) {
        i = j + 1;
        continue;
      }
      // Line break.
      this.endRecord(out);
      this.line++;
      this.recordLine = this.line;
      if (c === CR) {
        if (j + 1 < n) {
          i = text.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
        } else {
          this.skipLf = true;
          i = j + 1;
        }
      } else {
        i = j + 1;
      }
    }
  }

  end(out: CsvRecord[]): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    const unterminated = this.quoted;
    if (this.field.length > 0 || this.fields.length > 0 || unterminated || this.afterQuote) {
      this.endField();
      const record = this.takeRecord();
      if (record) out.push(unterminated ? { ...record, unterminated: true } : record);
    }
  }

  private append(s: string): void {
    this.field += s;
    this.recordChars += s.length;
    if (this.recordChars > MAX_RECORD_CHARS) {
      throw new ImportFormatError(
        'record-too-long',
        `record starting at line ${this.recordLine} exceeds ${MAX_RECORD_CHARS} characters (unbalanced quote?)`,
        `La riga ${this.recordLine} è troppo lunga: probabilmente contiene delle virgolette (") non chiuse. Correggere il file e riprovare.`,
      );
    }
  }

  private appendCountingLines(text: string, from: number, to: number): void {
    if (to <= from) return;
    const part = text.slice(from, to);
    if (part.includes('\r')) {
      // CR, LF and CRLF each count once, also when a CRLF is split between chunks.
      for (let k = 0; k < part.length; k++) {
        const c = part.charCodeAt(k);
        if (c === CR) this.line++;
        else if (c === LF && !(k === 0 ? this.quotedCr : part.charCodeAt(k - 1) === CR)) this.line++;
      }
    } else {
      let k = part.indexOf('\n');
      if (k === 0 && this.quotedCr) k = part.indexOf('\n', 1);
      for (; k >= 0; k = part.indexOf('\n', k + 1)) this.line++;
    }
    this.quotedCr = part.charCodeAt(part.length - 1) === CR;
    this.append(part);
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.afterQuote = false;
    if (this.fields.length > MAX_FIELDS) {
      throw new ImportFormatError(
        'too-many-fields',
        `record at line ${this.recordLine} has more than ${MAX_FIELDS} fields`,
        `La riga ${this.recordLine} ha più di ${MAX_FIELDS} colonne: il file non sembra un elenco di pazienti.`,
      );
    }
  }

  private takeRecord(): CsvRecord | null {
    const fields = this.fields;
    this.fields = [];
    this.recordChars = 0;
    // A blank line is no record.
    if (fields.length === 1 && fields[0] === '') return null;
    return { line: this.recordLine, fields };
  }

  private endRecord(out: CsvRecord[]): void {
    const record = this.takeRecord();
    if (record) out.push(record);
  }
}

/** The delimiter of a header line: the most frequent of `;`, tab and `,` outside quotes. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === '\t' || ch === ',')) counts[ch]++;
  }
  // Ties go to `;` (the Italian Excel default), then tab: commas are common inside names.
  let best: Delimiter = ';';
  for (const d of [';', '\t', ','] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/** The first line that holds a delimiter candidate, else the first non-blank one. */
function headerLineOf(text: string): string | null {
  let firstNonBlank: string | null = null;
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) {
      const line = text.slice(start, i);
      if (/[;\t,]/.test(line)) return line;
      if (firstNonBlank === null && line.trim()) firstNonBlank = line;
      start = i + 1;
    }
  }
  return firstNonBlank;
}

export interface CsvReadOptions {
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read and the file size. */
  onProgress?(bytesRead: number, totalBytes: number): void;
  /** Skip detection (tests, or a user's explicit choice). */
  delimiter?: Delimiter;
  encoding?: TextEncoding;
  /** Filled while reading: what was detected about the file. */
  info?: Partial<CsvInfo>;
}

export interface CsvInfo {
  delimiter: Delimiter;
  encoding: TextEncoding;
  bom: boolean;
  bytesRead: number;
  totalBytes: number;
}

/** What the first bytes of a file say it is, before any parsing. */
export type FileKind = 'empty' | 'zip' | 'ole' | 'html' | 'pdf' | 'binary' | 'text';

export function sniffBytes(head: Uint8Array): FileKind {
  if (head.length === 0) return 'empty';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole';
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'pdf';
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const start = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 4096)).toString('latin1').replace(/\0/g, '').trimStart().toLowerCase();
  if (/^(\ufeff|ï»¿)?\s*(<!doctype html|<html|<table|<\?xml[^>]*>\s*<html|<meta|<head|<body|<style)/.test(start)) return 'html';
  if (/<html[\s>]|<table[\s>]/.test(start.slice(0, 2048))) return 'html';
  if (utf16) return 'text';
  let control = 0;
  const n = Math.min(head.length, 64 * 1024);
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) return 'binary';
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) || b === 0x7f) control++;
  }
  return control > n / 100 ? 'binary' : 'text';
}

/** Reads the first `max` bytes of a file. */
export async function readHead(path: string, max = 64 * 1024): Promise<Uint8Array> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(max);
    const { bytesRead } = await handle.read(buf, 0, max, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function notCsvError(kind: FileKind, file: string): ImportFormatError {
  const what: Record<string, string> = {
    zip: 'è un file Excel (.xlsx) o un archivio compresso: se è un file Excel, usarlo con estensione .xlsx',
    ole: 'è un file Excel del vecchio formato (.xls): aprirlo con Excel e salvarlo come CSV o come cartella di lavoro .xlsx',
    pdf: 'è un documento PDF, non un elenco in formato CSV',
    html: 'è una pagina HTML, non un file CSV',
    binary: 'contiene dati binari, non testo separato da punto e virgola o virgola',
  };
  return new ImportFormatError(
    'not-csv',
    `${file} is not a CSV file (${kind})`,
    `Il file "${baseName(file)}" non è un file CSV: ${what[kind] ?? 'formato non riconosciuto'}.`,
  );
}

export function emptyFileError(file: string): ImportFormatError {
  return new ImportFormatError('empty-file', `${file} is empty`, `Il file "${baseName(file)}" è vuoto.`);
}

export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/**
 * Streams the records of a CSV file; `options.info` is filled with what was detected. Stops
 * quietly (returns) when `signal` is aborted. Throws ImportFormatError for an empty or non-text
 * file; a record with the wrong field count is left to the caller (it knows the header).
 */
export async function* readCsvRecords(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord, void, undefined> {
  const stat = await fs.promises.stat(path);
  const total = stat.size;
  if (total === 0) throw emptyFileError(path);
  const kind = sniffBytes(await readHead(path));
  if (kind !== 'text') throw kind === 'empty' ? emptyFileError(path) : notCsvError(kind, path);

  const source = new SourceDecoder(options.encoding);
  let fields: FieldDecoder | null = null;
  let parser: CsvParser | null = options.delimiter ? new CsvParser(options.delimiter) : null;
  let delimiter: Delimiter | null = options.delimiter ?? null;
  /** Text held until the header line is complete (to detect the delimiter). */
  let head = '';
  let bytesRead = 0;
  const out: CsvRecord[] = [];
  const stream = fs.createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const signal = options.signal;
  const info = options.info ?? {};
  info.totalBytes = total;
  info.bytesRead = 0;
  const note = () => {
    info.bytesRead = bytesRead;
    info.delimiter = delimiter ?? undefined;
    info.encoding = (source.decodes ? source.encoding : fields?.encoding) ?? undefined;
    info.bom = source.bom;
  };
  /** The record's fields decoded, unless the source was (UTF-16). */
  const decoded = (record: CsvRecord): CsvRecord => {
    if (source.decodes) return record;
    fields ??= new FieldDecoder(source.encoding === 'utf-8' || source.encoding === 'windows-1252' ? source.encoding : null);
    const { fields: text, mixed } = fields.decodeRecord(record.fields);
    record.fields = text;
    if (mixed) record.mixedEncoding = true;
    return record;
  };

  const feed = (text: string, last: boolean) => {
    if (!parser) {
      head += text;
      const line = headerLineOf(head);
      if (line === null && !last && head.length < MAX_RECORD_CHARS) return;
      delimiter = detectDelimiter(line ?? head);
      parser = new CsvParser(delimiter);
      text = head;
      head = '';
    }
    parser.write(text, out);
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) return;
      bytesRead += chunk.length;
      feed(source.write(chunk), false);
      const records = out.map(decoded);
      out.length = 0;
      note();
      options.onProgress?.(bytesRead, total);
      for (const record of records) {
        yield record;
        if (signal?.aborted) return;
      }
    }
    feed(source.end(), true);
    (parser as CsvParser | null)?.end(out);
    const records = out.map(decoded);
    out.length = 0;
    note();
    info.encoding ??= 'utf-8';
    for (const record of records) yield record;
  } finally {
    stream.destroy();
  }
}
