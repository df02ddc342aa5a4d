/**
 * Text layout: turns a filled document into pages of positioned drawing operations (word wrap,
 * justification, tick boxes, signature lines, page breaks that keep headings with their text and
 * avoid lone first/last lines). Knows nothing of PDF: fonts come in as a width function, so the
 * same layout serves every copy of a document.
 */
import type { FilledBlock, FilledDocument, Run } from './templates';

/** Width in points of text in the regular or bold face at a size. */
export interface FontMetrics {
  widthOf(text: string, bold: boolean, size: number): number;
}

/** Coordinates in PDF points, origin bottom-left; text y is the baseline. */
export type DrawOp =
  | { op: 'text'; x: number; y: number; text: string; bold: boolean; size: number }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; thickness: number }
  /** A tick box; `checked` draws a cross in it (an answer already recorded). */
  | { op: 'box'; x: number; y: number; size: number; thickness: number; checked: boolean };

export interface LaidOutPage {
  ops: DrawOp[];
}

export interface PageGeometry {
  width: number;
  height: number;
  marginLeft: number;
  marginRight: number;
  /** Top of the text area (below the running header). */
  contentTop: number;
  /** Bottom of the text area (above the footer). */
  contentBottom: number;
}

/** A4 portrait, 2.2 cm side margins; header and footer sit outside the text area. */
export const A4: PageGeometry = {
  width: 595.28,
  height: 841.89,
  marginLeft: 62,
  marginRight: 62,
  contentTop: 841.89 - 80,
  contentBottom: 66,
};

export interface Typography {
  body: number;
  bodyLeading: number;
  title: number;
  titleLeading: number;
  subtitle: number;
  subtitleLeading: number;
  heading: number;
  headingLeading: number;
  small: number;
  smallLeading: number;
  /** Space before a paragraph, a heading, a list item. */
  paragraphGap: number;
  headingGap: number;
  itemGap: number;
  /** Left indent of list item text and tick-box rows. */
  indent: number;
  /** Vertical room left blank above each signature line. */
  signatureSpace: number;
}

export const DEFAULT_TYPOGRAPHY: Typography = {
  body: 9.8,
  bodyLeading: 14.2,
  title: 16,
  titleLeading: 20,
  subtitle: 9,
  subtitleLeading: 12.5,
  heading: 10.8,
  headingLeading: 15,
  small: 8.4,
  smallLeading: 11,
  paragraphGap: 6,
  headingGap: 12,
  itemGap: 3,
  indent: 18,
  signatureSpace: 34,
};

/** DejaVu Sans: ascender 0.928 em, descender 0.236 em. Baseline of a line box of `leading` at `size`. */
function baselineOffset(size: number, leading: number): number {
  return (leading - 1.164 * size) / 2 + 0.928 * size;
}

/** A run of text without spaces, in one style. A word is one or more pieces ("ROSSI" + ","). */
type Piece = Run;
type Word = Piece[];

/** A vertical slice of the page that is never split: one line of text, a tick-box row, a signature grid. */
interface Box {
  height: number;
  /** Dropped at the top of a page. */
  spaceBefore: number;
  /** No page break between this box and the next. */
  keepWithNext: boolean;
  /** A page break before this box (a [[nuova-pagina]]). */
  breakBefore: boolean;
  /** Drawing operations with y relative to the box's top (negative downwards). */
  ops: DrawOp[];
}

/** Splits styled runs into words; runs that touch without a space join into one word. */
export function toWords(runs: Run[]): Word[] {
  const words: Word[] = [];
  let current: Word = [];
  const end = (): void => {
    if (current.length > 0) words.push(current);
    current = [];
  };
  for (const run of runs) {
    for (const part of run.text.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        end();
        continue;
      }
      const last = current.at(-1);
      if (last && last.bold === run.bold) last.text += part;
      else current.push({ text: part, bold: run.bold });
    }
  }
  end();
  return words;
}

type Align = 'left' | 'justify' | 'center';

interface LineStyle {
  size: number;
  leading: number;
  /** Make every piece bold (headings, titles). */
  bold?: boolean;
  align: Align;
}

class Layout {
  private readonly cache = new Map<string, number>();
  private readonly boxes: Box[] = [];
  private pendingBreak = false;
  private previous: FilledBlock['kind'] | undefined;

  constructor(
    private readonly metrics: FontMetrics,
    private readonly page: PageGeometry,
    private readonly type: Typography,
  ) {}

  get contentWidth(): number {
    return this.page.width - this.page.marginLeft - this.page.marginRight;
  }

  private width(text: string, bold: boolean, size: number): number {
    const key = `${bold ? 'b' : 'r'}${text}`;
    let unit = this.cache.get(key);
    if (unit === undefined) {
      unit = this.metrics.widthOf(text, bold, 1);
      this.cache.set(key, unit);
    }
    return unit * size;
  }

  private wordWidth(word: Word, size: number): number {
    return word.reduce((sum, p) => sum + this.width(p.text, p.bold, size), 0);
  }

  /** Cuts a word wider than the line into pieces that fit (long e-mail addresses, codes). */
  private splitLongWord(word: Word, size: number, maxWidth: number): Word[] {
    const out: Word[] = [];
    let current: Word = [];
    let used = 0;
    for (const piece of word) {
      for (const ch of Array.from(piece.text)) {
        const w = this.width(ch, piece.bold, size);
        if (used + w > maxWidth && current.length > 0) {
          out.push(current);
          current = [];
          used = 0;
        }
        const last = current.at(-1);
        if (last && last.bold === piece.bold) last.text += ch;
        else current.push({ text: ch, bold: piece.bold });
        used += w;
      }
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  /** Greedy word wrap. */
  wrap(words: Word[], size: number, maxWidth: number): Word[][] {
    const space = this.width(' ', false, size);
    const lines: Word[][] = [];
    let line: Word[] = [];
    let used = 0;
    const pieces = words.flatMap((w) => (this.wordWidth(w, size) > maxWidth ? this.splitLongWord(w, size, maxWidth) : [w]));
    for (const word of pieces) {
      const w = this.wordWidth(word, size);
      const needed = line.length === 0 ? w : used + space + w;
      if (needed > maxWidth && line.length > 0) {
        lines.push(line);
        line = [word];
        used = w;
      } else {
        line.push(word);
        used = needed;
      }
    }
    if (line.length > 0) lines.push(line);
    return lines;
  }

  /** The same number of lines, as even as possible (centred titles: no lone last word). */
  private balance(words: Word[], size: number, maxWidth: number, count: number): Word[][] {
    let low = 0;
    let high = maxWidth;
    for (let step = 0; step < 16; step++) {
      const mid = (low + high) / 2;
      if (this.wrap(words, size, mid).length > count) low = mid;
      else high = mid;
    }
    return this.wrap(words, size, high);
  }

  /** Drawing operations for one line of words; y is the baseline. */
  private lineOps(words: Word[], x0: number, maxWidth: number, y: number, size: number, align: Align, last: boolean): DrawOp[] {
    const space = this.width(' ', false, size);
    const widths = words.map((w) => this.wordWidth(w, size));
    const natural = widths.reduce((a, b) => a + b, 0) + space * Math.max(0, words.length - 1);
    let gap = space;
    let x = x0;
    if (align === 'center') {
      x = x0 + (maxWidth - natural) / 2;
    } else if (align === 'justify' && !last && words.length > 1) {
      const stretched = (maxWidth - (natural - space * (words.length - 1))) / (words.length - 1);
      // A line of a few long words would look torn apart: leave it ragged instead.
      if (stretched <= space * 3.5) gap = stretched;
    }
    const ops: DrawOp[] = [];
    words.forEach((word, i) => {
      let px = x;
      for (const piece of word) {
        ops.push({ op: 'text', x: px, y, text: piece.text, bold: piece.bold, size });
        px += this.width(piece.text, piece.bold, size);
      }
      x += (widths[i] as number) + gap;
    });
    return ops;
  }

  private push(box: Omit<Box, 'breakBefore'>): void {
    this.boxes.push({ ...box, breakBefore: this.pendingBreak });
    this.pendingBreak = false;
  }

  /** Adds a wrapped text block, one box per line, with orphan and widow control. */
  private text(runs: Run[], style: LineStyle, spaceBefore: number, x0: number, maxWidth: number, keepAll: boolean, marker?: string): void {
    const styled = style.bold ? runs.map((r) => ({ ...r, bold: true })) : runs;
    const words = toWords(styled);
    let lines = this.wrap(words, style.size, maxWidth);
    if (style.align === 'center' && lines.length > 1) lines = this.balance(words, style.size, maxWidth, lines.length);
    const baseline = -baselineOffset(style.size, style.leading);
    lines.forEach((line, i) => {
      const last = i === lines.length - 1;
      const ops = this.lineOps(line, x0, maxWidth, baseline, style.size, style.align, last);
      if (i === 0 && marker !== undefined) {
        ops.unshift({ op: 'text', x: x0 - this.type.indent + 4, y: baseline, text: marker, bold: false, size: style.size });
      }
      // No lone first line at the foot of a page, no lone last line at the top of the next.
      const keepWithNext = keepAll || (!last && (i === 0 || i === lines.length - 2));
      this.push({ height: style.leading, spaceBefore: i === 0 ? spaceBefore : 0, keepWithNext, ops });
    });
  }

  private get body(): LineStyle {
    return { size: this.type.body, leading: this.type.bodyLeading, align: 'justify' };
  }

  /** Holds the last box with the next one (a heading with its text, an item with its tick boxes). */
  private keepLastWithNext(): void {
    const last = this.boxes.at(-1);
    if (last) last.keepWithNext = true;
  }

  add(block: FilledBlock, next: FilledBlock | undefined): void {
    const { type } = this;
    const left = this.page.marginLeft;
    const width = this.contentWidth;
    switch (block.kind) {
      case 'title':
        this.text(block.content, { size: type.title, leading: type.titleLeading, bold: true, align: 'center' }, 0, left, width, true);
        break;
      case 'subtitle':
        this.text(block.content, { size: type.subtitle, leading: type.subtitleLeading, align: 'center' }, 2, left, width, true);
        break;
      case 'heading':
        this.text(block.content, { size: type.heading, leading: type.headingLeading, bold: true, align: 'left' }, type.headingGap, left, width, true);
        break;
      case 'paragraph': {
        const gap = this.previous === 'title' || this.previous === 'subtitle' ? type.headingGap : type.paragraphGap;
        this.text(block.content, this.body, this.boxes.length > 0 ? gap : 0, left, width, false);
        if (next?.kind === 'choices' || next?.kind === 'signatures') this.keepLastWithNext();
        break;
      }
      case 'item':
        this.text(block.content, this.body, type.itemGap, left + type.indent, width - type.indent, false, block.marker);
        if (next?.kind === 'choices' || next?.kind === 'signatures') this.keepLastWithNext();
        break;
      case 'choices':
        this.choices(block.options, block.checked ?? null);
        break;
      case 'pageBreak':
        this.pendingBreak = true;
        break;
      case 'signatures':
        this.signatures(block.notes.map((n) => n.cells), block.signers);
        break;
    }
    this.previous = block.kind;
  }

  /** A row of tick boxes: "☐ acconsento    ☐ non acconsento"; wraps if the labels are long. */
  private choices(options: Run[][], checked: number | null): void {
    const { type } = this;
    const size = type.body;
    const box = size * 0.95;
    const x0 = this.page.marginLeft + type.indent;
    const right = this.page.width - this.page.marginRight;
    const leading = type.bodyLeading + 4;
    const baseline = -baselineOffset(size, leading);
    let ops: DrawOp[] = [];
    let x = x0;
    const flush = (last: boolean): void => {
      this.push({ height: leading, spaceBefore: 4, keepWithNext: !last, ops });
      ops = [];
      x = x0;
    };
    options.forEach((option, index) => {
      const words = toWords(option);
      const labelWidth = words.reduce((sum, w, i) => sum + this.wordWidth(w, size) + (i > 0 ? this.width(' ', false, size) : 0), 0);
      const needed = box + 6 + labelWidth;
      if (x > x0 && x + needed > right) flush(false);
      ops.push({ op: 'box', x, y: baseline - 1, size: box, thickness: 0.8, checked: index === checked });
      ops.push(...this.lineOps(words, x + box + 6, right - x - box - 6, baseline, size, 'left', true));
      x += needed + 34;
    });
    flush(true);
  }

  /**
   * Notes (place and date) then the signature lines, in two columns, kept together on one page.
   * In a row every signature line sits at the same height, however long the labels above it.
   */
  private signatures(notes: Run[][][], signers: { label: Run[]; caption: Run[] }[]): void {
    const { type } = this;
    const left = this.page.marginLeft;
    const width = this.contentWidth;
    const gutter = 36;
    const columnWidth = (width - gutter) / 2;
    const columnX = (col: number): number => left + col * (columnWidth + gutter);
    const ops: DrawOp[] = [];
    let y = 0;

    /** Writes wrapped lines from top; returns the height used. */
    const write = (runs: Run[], x: number, top: number, size: number, leading: number): number => {
      const lines = this.wrap(toWords(runs), size, columnWidth);
      lines.forEach((line, i) => {
        ops.push(...this.lineOps(line, x, columnWidth, top - i * leading - baselineOffset(size, leading), size, 'left', true));
      });
      return lines.length * leading;
    };

    for (const cells of notes) {
      // A note of one cell may use the whole width; more cells go to the columns in turn.
      if (cells.length === 1) {
        const lines = this.wrap(toWords(cells[0] as Run[]), type.body, width);
        lines.forEach((line, i) => {
          ops.push(...this.lineOps(line, left, width, y - i * type.bodyLeading - baselineOffset(type.body, type.bodyLeading), type.body, 'left', true));
        });
        y -= lines.length * type.bodyLeading;
      } else {
        y -= Math.max(...cells.map((cell, i) => write(cell, columnX(i % 2), y - Math.floor(i / 2) * type.bodyLeading, type.body, type.bodyLeading)));
      }
      y -= 4;
    }
    if (notes.length > 0) y -= 12;

    for (let row = 0; row < signers.length; row += 2) {
      if (row > 0) y -= 22;
      const inRow = signers.slice(row, row + 2);
      const bold = (runs: Run[]): Run[] => runs.map((r) => ({ ...r, bold: true }));
      const labelHeight = Math.max(...inRow.map((s, col) => write(bold(s.label), columnX(col), y, type.body, type.bodyLeading)));
      const lineY = y - labelHeight - type.signatureSpace;
      let rowBottom = lineY;
      inRow.forEach((s, col) => {
        const x = columnX(col);
        ops.push({ op: 'line', x1: x, y1: lineY, x2: x + columnWidth, y2: lineY, thickness: 0.6 });
        rowBottom = Math.min(rowBottom, lineY - 2 - write(s.caption, x, lineY - 2, type.small, type.smallLeading));
      });
      y = rowBottom;
    }
    this.push({ height: -y, spaceBefore: 18, keepWithNext: false, ops });
  }

  /** Places the boxes on pages, moving chains of kept-together boxes to the next page. */
  paginate(): LaidOutPage[] {
    const { contentTop, contentBottom } = this.page;
    const pages: LaidOutPage[] = [];
    let placed: { index: number; top: number }[] = [];
    let pageStart = 0;
    let y = contentTop;
    const flush = (): void => {
      const ops: DrawOp[] = [];
      for (const { index, top } of placed) {
        for (const op of (this.boxes[index] as Box).ops) ops.push(translate(op, top));
      }
      pages.push({ ops });
      placed = [];
      y = contentTop;
    };
    let i = 0;
    while (i < this.boxes.length) {
      const box = this.boxes[i] as Box;
      if (box.breakBefore && placed.length > 0) {
        flush();
        pageStart = i;
      }
      const atTop = placed.length === 0;
      const top = atTop ? contentTop : y - box.spaceBefore;
      if (atTop || top - box.height >= contentBottom - 0.01) {
        placed.push({ index: i, top });
        y = top - box.height;
        i++;
        continue;
      }
      let chainStart = i;
      while (chainStart > pageStart && (this.boxes[chainStart - 1] as Box).keepWithNext) chainStart--;
      if (chainStart > pageStart) {
        placed = placed.filter((p) => p.index < chainStart);
        i = chainStart;
      }
      flush();
      pageStart = i;
    }
    if (placed.length > 0 || pages.length === 0) flush();
    return pages;
  }
}

function translate(op: DrawOp, top: number): DrawOp {
  switch (op.op) {
    case 'text':
    case 'box':
      return { ...op, y: op.y + top };
    case 'line':
      return { ...op, y1: op.y1 + top, y2: op.y2 + top };
  }
}

/** Lays a filled document out on pages; the running header and footer are not part of it. */
export function layoutDocument(
  doc: FilledDocument,
  metrics: FontMetrics,
  page: PageGeometry = A4,
  typography: Typography = DEFAULT_TYPOGRAPHY,
): LaidOutPage[] {
  const layout = new Layout(metrics, page, typography);
  doc.blocks.forEach((block, i) => layout.add(block, doc.blocks[i + 1]));
  return layout.paginate();
}
