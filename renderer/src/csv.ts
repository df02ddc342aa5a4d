/** CSV files for Italian Excel: UTF-8 with the byte order mark (or Excel reads it wrong), ";" between cells. */

export const CSV_BOM = '\uFEFF';

/**
 * One CSV cell: quoted when it holds ; " or a line break (quotes doubled); a leading = + - @ is
 * neutralized with an apostrophe, so that Excel never runs a value from the archive as a formula.
 */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A whole file: the header row, then the rows, CRLF line ends. */
export function csvDocument(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((cells) => cells.map(csvCell).join(';'));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
