/**
 * The document fonts: DejaVu Sans regular and bold (assets/fonts, Bitstream Vera licence), embedded
 * as subsets so that every Italian letter, typographic apostrophe and "€" prints.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as fontkitModule from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { DocumentAssetsError, UnprintableCharacterError } from './errors';
import type { FontMetrics } from './layout';

export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * Fixed subset names (tag + PostScript name). pdf-lib would otherwise derive a suffix from its
 * generator; fixed names keep the bytes stable across pdf-lib versions.
 */
const SUBSET_NAMES = { regular: 'PICAAA+DejaVuSans', bold: 'PICAAB+DejaVuSans-Bold' } as const;

export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * @pdf-lib/fontkit is a UMD file: bundlers and vitest expose its functions on the namespace, Node's
 * own ESM loader only as `default`.
 */
const fontkit: typeof fontkitModule =
  'create' in fontkitModule ? fontkitModule : (fontkitModule as unknown as { default: typeof fontkitModule }).default;

const bytesCache = new Map<string, Uint8Array>();

function readFont(file: string): Uint8Array {
  let bytes = bytesCache.get(file);
  if (!bytes) {
    try {
      bytes = new Uint8Array(fs.readFileSync(file));
    } catch (e) {
      throw new DocumentAssetsError(file, e instanceof Error ? e.message : String(e));
    }
    bytesCache.set(file, bytes);
  }
  return bytes;
}

/** Embeds both faces into doc (subset to the glyphs used). */
export async function embedDocumentFonts(doc: PDFDocument, assetsDir: string): Promise<DocumentFonts> {
  doc.registerFontkit(fontkit);
  const dir = path.join(assetsDir, 'fonts');
  const regular = await doc.embedFont(readFont(path.join(dir, FONT_FILES.regular)), { subset: true, customName: SUBSET_NAMES.regular });
  const bold = await doc.embedFont(readFont(path.join(dir, FONT_FILES.bold)), { subset: true, customName: SUBSET_NAMES.bold });
  return { regular, bold };
}

export function fontMetrics(fonts: DocumentFonts): FontMetrics {
  return { widthOf: (text, bold, size) => (bold ? fonts.bold : fonts.regular).widthOfTextAtSize(text, size) };
}

/** Throws UnprintableCharacterError for a character with no glyph in the face (it would print as a box). */
export function assertPrintable(fonts: DocumentFonts, texts: Iterable<{ text: string; bold: boolean }>): void {
  const sets = new Map<PDFFont, Set<number>>();
  const charset = (font: PDFFont): Set<number> => {
    let set = sets.get(font);
    if (!set) {
      set = new Set(font.getCharacterSet());
      sets.set(font, set);
    }
    return set;
  };
  for (const { text, bold } of texts) {
    const set = charset(bold ? fonts.bold : fonts.regular);
    for (const ch of text) {
      if (!set.has(ch.codePointAt(0) ?? 0)) throw new UnprintableCharacterError(ch, text.length > 60 ? `${text.slice(0, 57)}…` : text);
    }
  }
}
