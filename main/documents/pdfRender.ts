/**
 * Draws laid-out pages into a PDF as one copy of a document, with its running header (which copy,
 * whose document) and footer (page x of y, counted within the copy).
 */
import { rgb, type PDFDocument, type PDFFont } from 'pdf-lib';
import type { DocumentFonts } from './fonts';
import type { DrawOp, LaidOutPage, PageGeometry } from './layout';

export interface CopyFrame {
  /** Header, left, in bold: "Copia per il medico". */
  label: string;
  /** Header, right: gestore and enrollment number. */
  headerRight: string;
  /** Footer, left: document and patient. */
  footerLeft: string;
}

const INK = rgb(0, 0, 0);
const GREY = rgb(0.38, 0.38, 0.38);
const RULE = rgb(0.6, 0.6, 0.6);

/** Shortens text with "…" until it fits maxWidth. */
export function fitText(font: PDFFont, text: string, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && font.widthOfTextAtSize(`${chars.join('').trimEnd()}…`, size) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** The page number in the footer, counted within one copy: "Pagina 1 di 3". */
export function pageLabel(page: number, pages: number): string {
  return `Pagina ${page} di ${pages}`;
}

function drawOp(page: ReturnType<PDFDocument['addPage']>, fonts: DocumentFonts, op: DrawOp): void {
  switch (op.op) {
    case 'text':
      page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: op.bold ? fonts.bold : fonts.regular, color: INK });
      break;
    case 'line':
      page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.thickness, color: INK });
      break;
    case 'box':
      page.drawRectangle({ x: op.x, y: op.y, width: op.size, height: op.size, borderWidth: op.thickness, borderColor: INK });
      if (op.checked) {
        const inset = op.size * 0.2;
        const [x1, y1, x2, y2] = [op.x + inset, op.y + inset, op.x + op.size - inset, op.y + op.size - inset];
        page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: op.thickness * 1.5, color: INK });
        page.drawLine({ start: { x: x1, y: y2 }, end: { x: x2, y: y1 }, thickness: op.thickness * 1.5, color: INK });
      }
      break;
  }
}

/** Appends one copy: every laid-out page on a new A4 page, with header and footer. */
export function drawCopy(doc: PDFDocument, pages: LaidOutPage[], fonts: DocumentFonts, geometry: PageGeometry, frame: CopyFrame): void {
  const left = geometry.marginLeft;
  const right = geometry.width - geometry.marginRight;
  const headerY = geometry.height - 46;
  const footerY = 38;
  pages.forEach((laidOut, index) => {
    const page = doc.addPage([geometry.width, geometry.height]);

    const labelSize = 9.5;
    page.drawText(frame.label, { x: left, y: headerY, size: labelSize, font: fonts.bold, color: INK });
    const labelWidth = fonts.bold.widthOfTextAtSize(frame.label, labelSize);
    const headerSize = 8;
    const headerRight = fitText(fonts.regular, frame.headerRight, headerSize, right - left - labelWidth - 24);
    page.drawText(headerRight, {
      x: right - fonts.regular.widthOfTextAtSize(headerRight, headerSize),
      y: headerY,
      size: headerSize,
      font: fonts.regular,
      color: GREY,
    });
    page.drawLine({ start: { x: left, y: headerY - 7 }, end: { x: right, y: headerY - 7 }, thickness: 0.5, color: RULE });

    for (const op of laidOut.ops) drawOp(page, fonts, op);

    const footerSize = 7.8;
    const number = pageLabel(index + 1, pages.length);
    const numberWidth = fonts.regular.widthOfTextAtSize(number, footerSize);
    page.drawLine({ start: { x: left, y: footerY + 11 }, end: { x: right, y: footerY + 11 }, thickness: 0.5, color: RULE });
    page.drawText(fitText(fonts.regular, frame.footerLeft, footerSize, right - left - numberWidth - 24), {
      x: left,
      y: footerY,
      size: footerSize,
      font: fonts.regular,
      color: GREY,
    });
    page.drawText(number, { x: right - numberWidth, y: footerY, size: footerSize, font: fonts.regular, color: GREY });
  });
}
