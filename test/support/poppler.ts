/**
 * A rendered PDF read back with poppler (Debian package poppler-utils: pdftotext, pdfinfo) as a
 * reader would see it: its text, its page count, and its words with their position on the page.
 */
import { execFileSync } from 'node:child_process';

export function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} not found: install the Debian package poppler-utils (apt-get install -y poppler-utils)`);
    }
    throw e;
  }
}

/** The text of the file, or of one page, with all white space as single spaces. */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return poppler('pdftotext', ['-enc', 'UTF-8', ...range, file, '-']).replace(/\s+/g, ' ');
}

export function pageCount(file: string): number {
  const m = /^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', [file]));
  return Number(m?.[1]);
}

/** A word on a page; y counts down from the top of the page, in points. */
export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The words of each page, in reading order. */
export function pdfWords(file: string): PdfWord[][] {
  const html = poppler('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-']);
  const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        text: unescape(m[5] as string),
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      })),
    );
}
