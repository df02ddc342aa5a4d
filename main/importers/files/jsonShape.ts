/**
 * A pass over JSON bytes, chunk by chunk before JSON.parse sees them, that bounds what parsing
 * would build. V8's JSON.parse is not recursive, so depth alone does not overflow the stack, but
 * what it builds can exceed the heap, and running out of heap ends the process with an abort no
 * catch can stop: 200 MB of `[[[[…]]]]` or of `[{},{},…]` take more than 4 GB. The scanner does
 * not validate the JSON (JSON.parse does); it counts outside strings.
 */

/**
 * A FHIR bundle nests about ten levels (Bundle, entry, resource, extension in extension, coding);
 * contained resources and deep extensions stay well under this.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Containers, commas and colons outside strings: within one of the number of values and keys.
 * JSON.parse builds at most about 60 bytes of heap for each (objects with keys all different, or
 * empty objects), so this bounds a crafted file to under 500 MB; a real bundle has one every 10 to
 * 20 bytes, so MAX_BUNDLE_BYTES of it stays below.
 */
export const MAX_JSON_VALUES = 8_000_000;

export type JsonShapeProblem = { kind: 'too-deep'; depth: number } | { kind: 'too-many-values'; values: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

export class JsonShapeScanner {
  private depth = 0;
  private values = 0;
  private inString = false;
  private escaped = false;

  /** Scans the next chunk; returns the first limit passed, or null. */
  write(bytes: Uint8Array): JsonShapeProblem | null {
    const n = bytes.length;
    for (let i = 0; i < n; i++) {
      const b = bytes[i] as number;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
        continue;
      }
      if (b === QUOTE) {
        this.inString = true;
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (++this.depth > MAX_JSON_DEPTH) return { kind: 'too-deep', depth: this.depth };
        if (++this.values > MAX_JSON_VALUES) return { kind: 'too-many-values', values: this.values };
      } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        this.depth--;
      } else if (b === COMMA || b === COLON) {
        if (++this.values > MAX_JSON_VALUES) return { kind: 'too-many-values', values: this.values };
      }
    }
    return null;
  }
}
