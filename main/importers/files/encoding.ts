/**
 * Text decoding for files of unknown encoding, streamed. UTF-16 comes with a BOM (Excel's "Testo
 * Unicode") and is decoded as it is read (SourceDecoder). Anything else is UTF-8 (with or without
 * BOM) or Windows-1252 (what Excel and older Italian record software write): it passes one
 * character per byte, which is all the CSV parser needs (its delimiters, quotes and line breaks are
 * ASCII, never part of a multi-byte sequence), and each field is decoded once complete
 * (FieldDecoder). Deciding field by field reads right the files that mix the two, as when another
 * program appended lines, and tells which rows did.
 */

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
/** The encodings decided field by field. */
export type ByteEncoding = 'utf-8' | 'windows-1252';

/** Windows-1252 0x80-0x9F; the five holes keep their C1 code points, as in WHATWG's table. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const C1 = /[\x80-\x9f]/g;
const HIGH = /[\x80-\xff]/;

/** Decodes Windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return windows1252(byteText(bytes));
}

/** Windows-1252 from its bytes one character each: only 0x80-0x9F differ from Latin-1. */
function windows1252(raw: string): string {
  return raw.replace(C1, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] as number));
}

/** Whether complete `bytes` are ASCII, well-formed UTF-8 with multi-byte sequences, or not UTF-8. */
export function utf8Kind(bytes: Uint8Array): 'ascii' | 'utf-8' | 'invalid' {
  let i = 0;
  let multibyte = false;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return 'invalid';
    }
    if (i + need >= n) return 'invalid';
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return 'invalid';
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 'invalid';
    multibyte = true;
    i += need + 1;
  }
  return multibyte ? 'utf-8' : 'ascii';
}

/**
 * A push decoder for a file's bytes: feed chunks, get the text the CSV parser reads. A BOM is
 * dropped; after a UTF-16 one (or with UTF-16 forced) the text is decoded, otherwise it is the
 * bytes one character each, for FieldDecoder.
 */
export class SourceDecoder {
  /** Known from a BOM or forced; null for a file without BOM, decided by FieldDecoder. */
  encoding: TextEncoding | null = null;
  /** A BOM was found and dropped. */
  bom = false;
  private started = false;
  private pending: Uint8Array | null = null;
  private decoder: TextDecoder | null = null;

  constructor(forced?: TextEncoding) {
    if (forced) this.choose(forced);
  }

  /** The text is decoded already (UTF-16), not one character per byte. */
  get decodes(): boolean {
    return this.decoder !== null;
  }

  private choose(encoding: TextEncoding): void {
    this.encoding = encoding;
    if (encoding === 'utf-16le' || encoding === 'utf-16be') this.decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  }

  write(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.pending) {
      const joined = new Uint8Array(this.pending.length + chunk.length);
      joined.set(this.pending, 0);
      joined.set(chunk, this.pending.length);
      bytes = joined;
      this.pending = null;
    }
    if (!this.started) {
      if (bytes.length < 3) {
        // Too short to tell a BOM: wait for more (end() flushes).
        this.pending = bytes;
        return '';
      }
      bytes = this.dropBom(bytes);
    }
    return this.text(bytes);
  }

  /** Flushes what is held back; call once at the end of the input. */
  end(): string {
    let text = '';
    if (this.pending) {
      const rest = this.pending;
      this.pending = null;
      text = this.text(this.started ? rest : this.dropBom(rest));
    }
    return this.decoder ? text + this.decoder.decode() : text;
  }

  private dropBom(bytes: Uint8Array): Uint8Array {
    this.started = true;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.bom = true;
      if (this.encoding === null) this.choose('utf-8');
      return bytes.subarray(3);
    }
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
    if (!utf16) return bytes;
    this.bom = true;
    if (this.encoding === null) this.choose(utf16);
    return bytes.subarray(2);
  }

  private text(bytes: Uint8Array): string {
    return this.decoder ? this.decoder.decode(bytes, { stream: true }) : byteText(bytes);
  }
}

/**
 * Decodes the fields of a file read one character per byte. The file's encoding is its BOM's,
 * or the one forced, else the one of the first field that is not ASCII; each field is decoded by
 * what it is (valid UTF-8 with a multi-byte sequence as UTF-8, anything else as Windows-1252),
 * and a record holding a field in the other encoding is `mixed`.
 */
export class FieldDecoder {
  constructor(public encoding: ByteEncoding | null = null) {}

  decodeRecord(raw: readonly string[]): { fields: string[]; mixed: boolean } {
    let mixed = false;
    const fields = raw.map((field) => {
      if (!HIGH.test(field)) return field;
      const bytes = Buffer.from(field, 'latin1');
      const encoding: ByteEncoding = utf8Kind(bytes) === 'utf-8' ? 'utf-8' : 'windows-1252';
      this.encoding ??= encoding;
      if (encoding !== this.encoding) mixed = true;
      return encoding === 'utf-8' ? bytes.toString('utf8') : windows1252(field);
    });
    return { fields, mixed };
  }
}

function byteText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
