/**
 * Text decoding for files of unknown encoding, streamed: UTF-8 (with or without BOM), else
 * Windows-1252 (what Excel and older Italian record software write), plus UTF-16 with a BOM
 * (Excel's "Testo Unicode"). The choice is made lazily: while only ASCII bytes have been seen the
 * two encodings agree, so the decision waits for the first byte >= 0x80 and looks at the bytes
 * from there: a valid UTF-8 sequence means UTF-8, anything else Windows-1252.
 */

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Windows-1252 0x80-0x9F; the five holes keep their C1 code points, as in WHATWG's table. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const C1 = /[\x80-\x9f]/g;

/** Decodes Windows-1252 bytes (single-byte: no state between chunks). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] as number));
}

/**
 * Checks the UTF-8 well-formedness of `bytes` from `start`. Returns 'invalid', or 'valid' with
 * whether any multi-byte sequence was complete and how many trailing bytes are an incomplete
 * sequence (to be completed by the next chunk).
 */
export function checkUtf8(bytes: Uint8Array, start = 0): { valid: false } | { valid: true; sawMultibyte: boolean; incompleteTail: number } {
  let i = start;
  let sawMultibyte = false;
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
      return { valid: false };
    }
    if (i + need >= n) {
      // Not all continuation bytes are here: check those that are, then wait for the rest.
      for (let k = i + 1; k < n; k++) if (((bytes[k] as number) & 0xc0) !== 0x80) return { valid: false };
      return { valid: true, sawMultibyte, incompleteTail: n - i };
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return { valid: false };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { valid: false };
    sawMultibyte = true;
    i += need + 1;
  }
  return { valid: true, sawMultibyte, incompleteTail: 0 };
}

/**
 * A push decoder: feed byte chunks, get text. `encoding` is null until decided (ASCII so far).
 * In UTF-8 mode, invalid bytes met later (a file that mixes encodings) become U+FFFD and are
 * counted in `replaced`.
 */
export class AutoDecoder {
  encoding: TextEncoding | null = null;
  /** A BOM was found and dropped. */
  bom = false;
  /** Invalid sequences replaced by U+FFFD after UTF-8 was chosen. */
  replaced = 0;
  private started = false;
  private pending: Uint8Array | null = null;
  private decoder: TextDecoder | null = null;

  constructor(forced?: TextEncoding) {
    if (forced) this.choose(forced);
  }

  private choose(encoding: TextEncoding): void {
    this.encoding = encoding;
    if (encoding !== 'windows-1252') this.decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  }

  private decodeChosen(bytes: Uint8Array, stream: boolean): string {
    if (this.encoding === 'windows-1252') return decodeWindows1252(bytes);
    const text = (this.decoder as TextDecoder).decode(bytes, { stream });
    if (this.encoding === 'utf-8' && text.includes('\ufffd')) {
      for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) this.replaced++;
    }
    return text;
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
      if (bytes.length < 3 && this.encoding === null) {
        // Too short to tell a BOM: wait for more (end() flushes).
        this.pending = bytes;
        return '';
      }
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        this.bom = true;
        if (this.encoding === null) this.choose('utf-8');
        bytes = bytes.subarray(3);
      } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
        this.bom = true;
        if (this.encoding === null) this.choose('utf-16le');
        bytes = bytes.subarray(2);
      } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
        this.bom = true;
        if (this.encoding === null) this.choose('utf-16be');
        bytes = bytes.subarray(2);
      }
    }
    if (this.encoding !== null) return this.decodeChosen(bytes, true);

    let firstHigh = -1;
    for (let i = 0; i < bytes.length; i++) {
      if ((bytes[i] as number) >= 0x80) {
        firstHigh = i;
        break;
      }
    }
    if (firstHigh < 0) return asciiText(bytes);
    const check = checkUtf8(bytes, firstHigh);
    if (!check.valid) {
      this.choose('windows-1252');
    } else if (check.sawMultibyte) {
      this.choose('utf-8');
    } else {
      // Only an incomplete sequence at the very end: undecided until the next chunk.
      this.pending = bytes.slice(firstHigh);
      return asciiText(bytes.subarray(0, firstHigh));
    }
    return asciiText(bytes.subarray(0, firstHigh)) + this.decodeChosen(bytes.subarray(firstHigh), true);
  }

  /** Flushes what is held back; call once at the end of the input. */
  end(): string {
    let text = '';
    if (this.pending) {
      const rest = this.pending;
      this.pending = null;
      if (!this.started) {
        this.started = true;
        if (rest[0] === 0xff && rest[1] === 0xfe && this.encoding === null) {
          this.bom = true;
          this.choose('utf-16le');
          return this.decodeChosen(rest.subarray(2), false);
        }
        if (rest[0] === 0xfe && rest[1] === 0xff && this.encoding === null) {
          this.bom = true;
          this.choose('utf-16be');
          return this.decodeChosen(rest.subarray(2), false);
        }
      }
      // An incomplete UTF-8 sequence at the end of the file is not UTF-8.
      if (this.encoding === null) this.choose(isCompleteUtf8(rest) ? 'utf-8' : 'windows-1252');
      text = this.decodeChosen(rest, true);
    }
    if (this.decoder) text += this.decodeChosen(new Uint8Array(0), false);
    return text;
  }
}

function isCompleteUtf8(bytes: Uint8Array): boolean {
  const c = checkUtf8(bytes);
  return c.valid && c.incompleteTail === 0;
}

function asciiText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
