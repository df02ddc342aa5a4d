import { describe, expect, it } from 'vitest';
import { A4, layoutDocument, toWords, type DrawOp, type FontMetrics, type LaidOutPage } from './layout';
import type { FilledBlock, FilledDocument } from './templates';

/** Every character half an em wide, bold a little wider: enough to check wrapping. */
const metrics: FontMetrics = { widthOf: (text, bold, size) => Array.from(text).length * size * (bold ? 0.6 : 0.5) };

const para = (text: string): FilledBlock => ({ kind: 'paragraph', line: 1, content: [{ text, bold: false }] });
const heading = (text: string): FilledBlock => ({ kind: 'heading', line: 1, content: [{ text, bold: false }] });
const signatures: FilledBlock = {
  kind: 'signatures',
  line: 1,
  notes: [{ line: 1, cells: [[{ text: 'Luogo ____', bold: false }], [{ text: 'Data 15/03/2024', bold: false }]] }],
  signers: [
    { line: 1, label: [{ text: 'Il paziente', bold: false }], caption: [{ text: 'NICOLÒ ROSSI', bold: false }] },
    { line: 1, label: [{ text: 'Per il Gestore, un nome lungo che va a capo più volte', bold: false }], caption: [] },
  ],
};

function doc(...blocks: FilledBlock[]): FilledDocument {
  return { title: 'Titolo', blocks: [{ kind: 'title', line: 1, content: [{ text: 'Titolo', bold: false }] }, ...blocks] };
}

const texts = (page: LaidOutPage): (DrawOp & { op: 'text' })[] => page.ops.filter((o): o is DrawOp & { op: 'text' } => o.op === 'text');
const lorem = (words: number): string => Array.from({ length: words }, (_, i) => `parola${i}`).join(' ');

describe('toWords', () => {
  it('splits on spaces and keeps touching runs of different style in one word', () => {
    expect(toWords([{ text: 'Il sig. ', bold: false }, { text: 'ROSSI', bold: true }, { text: ', nato', bold: false }])).toEqual([
      [{ text: 'Il', bold: false }],
      [{ text: 'sig.', bold: false }],
      [
        { text: 'ROSSI', bold: true },
        { text: ',', bold: false },
      ],
      [{ text: 'nato', bold: false }],
    ]);
  });
});

describe('layoutDocument', () => {
  const right = A4.width - A4.marginRight;

  it('wraps paragraphs inside the margins and justifies all lines but the last', () => {
    const [page] = layoutDocument(doc(para(lorem(80))), metrics);
    const words = texts(page as LaidOutPage).filter((t) => t.text.startsWith('parola'));
    expect(words).toHaveLength(80);
    for (const w of words) {
      expect(w.x).toBeGreaterThanOrEqual(A4.marginLeft - 0.01);
      expect(w.x + metrics.widthOf(w.text, false, w.size)).toBeLessThanOrEqual(right + 0.01);
    }
    const lines = [...new Set(words.map((w) => w.y))];
    expect(lines.length).toBeGreaterThan(3);
    const lastOnLine = (y: number) => words.filter((w) => w.y === y).at(-1) as DrawOp & { op: 'text' };
    const end = (w: DrawOp & { op: 'text' }) => w.x + metrics.widthOf(w.text, false, w.size);
    expect(end(lastOnLine(lines[0] as number))).toBeCloseTo(right, 3);
    expect(end(lastOnLine(lines.at(-1) as number))).toBeLessThan(right - 5);
  });

  it('breaks a word longer than the line instead of overflowing', () => {
    const [page] = layoutDocument(doc(para('x'.repeat(300))), metrics);
    const pieces = texts(page as LaidOutPage).filter((t) => t.text.startsWith('x'));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.text).join('')).toBe('x'.repeat(300));
    for (const p of pieces) expect(p.x + metrics.widthOf(p.text, false, p.size)).toBeLessThanOrEqual(right + 0.01);
  });

  it('flows onto new pages, keeping every line inside the text area', () => {
    const pages = layoutDocument(doc(...Array.from({ length: 30 }, (_, i) => [heading(`Sezione ${i}`), para(lorem(60))]).flat(), signatures), metrics);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      for (const t of texts(page)) {
        expect(t.y).toBeLessThan(A4.contentTop);
        expect(t.y).toBeGreaterThan(A4.contentBottom);
      }
    }
    // A heading is never the last thing on a page.
    for (const page of pages.slice(0, -1)) {
      const lowest = texts(page).reduce((a, b) => (b.y < a.y ? b : a));
      expect(lowest.text).not.toMatch(/^Sezione|^\d+$/);
    }
  });

  const item = (text: string): FilledBlock => ({ kind: 'item', line: 1, marker: '•', content: [{ text, bold: false }] });

  it.each([
    ['paragraph', para],
    ['item', item],
  ])('keeps the signature block whole, on the page of the %s before it', (_kind, block) => {
    // As many one-line paragraphs as leave room for the last block, and nothing more, on page 1.
    const filled = (lines: number) => [...Array.from({ length: lines }, (_, i) => para(`riga ${i}`)), block('Dichiarazione finale.')];
    let lines = 1;
    while (layoutDocument(doc(...filled(lines + 1)), metrics).length === 1) lines++;
    const pages = layoutDocument(doc(...filled(lines), signatures), metrics);
    expect(pages).toHaveLength(2);
    const last = pages.at(-1) as LaidOutPage;
    const rules = last.ops.filter((o) => o.op === 'line');
    expect(rules).toHaveLength(2);
    expect(rules[0]?.op === 'line' && rules[1]?.op === 'line' && rules[0].y1 === rules[1].y1).toBe(true);
    expect(texts(last).some((t) => t.text === 'finale.')).toBe(true);
    expect(texts(last).some((t) => t.text === 'NICOLÒ')).toBe(true);
  });

  it('starts a new page at [[nuova-pagina]]', () => {
    const pages = layoutDocument(doc(para('prima'), { kind: 'pageBreak', line: 1 }, para('seconda'), signatures), metrics);
    expect(pages).toHaveLength(2);
    expect(texts(pages[1] as LaidOutPage)[0]?.text).toBe('seconda');
  });

  it('draws one box per tick-box option', () => {
    const [page] = layoutDocument(
      doc({ kind: 'choices', name: null, line: 1, options: [[{ text: 'acconsento', bold: false }], [{ text: 'non acconsento', bold: false }]] }, signatures),
      metrics,
    );
    const boxes = (page as LaidOutPage).ops.filter((o) => o.op === 'box');
    expect(boxes).toHaveLength(2);
    expect(boxes.map((b) => b.op === 'box' && b.checked)).toEqual([false, false]);
  });

  it('ticks the recorded answer of a named row', () => {
    const [page] = layoutDocument(
      doc({ kind: 'choices', name: 'contatti', line: 1, checked: 1, options: [[{ text: 'acconsento', bold: false }], [{ text: 'non acconsento', bold: false }]] }, signatures),
      metrics,
    );
    const boxes = (page as LaidOutPage).ops.filter((o) => o.op === 'box');
    expect(boxes.map((b) => b.op === 'box' && b.checked)).toEqual([false, true]);
  });
});
