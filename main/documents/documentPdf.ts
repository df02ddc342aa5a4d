/**
 * What every generated document shares: its template read from the assets folder, the glyph
 * check, the layout, the copies with their header and footer, and metadata fixed by the
 * document's day, so that the same input always gives the same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { TemplateError } from './errors';
import { assertPrintable, embedDocumentFonts, fontMetrics } from './fonts';
import { A4, layoutDocument } from './layout';
import { drawCopy, pageLabel, type CopyFrame } from './pdfRender';
import { parseTemplate, type FilledDocument, type ParseOptions, type Run, type Template } from './templates';

const CREATOR = 'PiC Studio';
const PRODUCER = 'PiC Studio document generator (pdf-lib)';

/** Reads and parses a template of assets/templates (re-read every time: it is editable). */
export function loadTemplate(name: string, assetsDir: string, options: ParseOptions): Template {
  const file = path.join(assetsDir, 'templates', name);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new TemplateError(
      'not-found',
      name,
      undefined,
      `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`,
      `il file ${file} non è leggibile`,
    );
  }
  return parseTemplate(name, source, options);
}

/** Every piece of text the document will draw, for the glyph check. */
function textsOf(doc: FilledDocument): Run[] {
  const runs: Run[] = [];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'pageBreak':
        break;
      case 'choices':
        runs.push(...block.options.flat());
        break;
      case 'signatures':
        for (const note of block.notes) runs.push(...note.cells.flat());
        for (const signer of block.signers) runs.push(...signer.label, ...signer.caption);
        break;
      case 'title':
      case 'heading':
        runs.push(...block.content.map((r) => ({ ...r, bold: true })));
        break;
      default:
        runs.push(...block.content);
    }
  }
  return runs;
}

/** Noon UTC of the document's day: the same calendar day in every time zone a viewer may use. */
function documentInstant(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12, 0, 0));
}

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The document's day, ISO YYYY-MM-DD: its creation and modification date. */
  date: string;
}

/**
 * Lays the filled document out once and draws it as one copy per frame, each starting on a new
 * page. Throws UnprintableCharacterError before drawing anything the fonts cannot print.
 */
export async function renderDocumentPdf(filled: FilledDocument, frames: readonly CopyFrame[], meta: PdfMetadata, assetsDir: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedDocumentFonts(doc, assetsDir);
  assertPrintable(fonts, [
    ...textsOf(filled),
    ...frames.flatMap((f) => [
      { text: f.label, bold: true },
      { text: `${f.headerRight} ${f.footerLeft} ${pageLabel(1, 1)}…`, bold: false },
    ]),
  ]);

  const pages = layoutDocument(filled, fontMetrics(fonts), A4);
  for (const frame of frames) drawCopy(doc, pages, fonts, A4, frame);

  const instant = documentInstant(meta.date);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setLanguage('it-IT');
  doc.setCreationDate(instant);
  doc.setModificationDate(instant);
  return doc.save({ useObjectStreams: true });
}
