import { ImportFormatError } from '../errors';
import { FIELD_LABEL, HEADER_SYNONYMS, headerMatch, headerWords, isAboutSomethingElse, type ColumnField } from '../../../shared/importFields';

export { FIELD_LABEL, HEADER_SYNONYMS, type ColumnField };

/**
 * Column headers matched by name, ignoring case, accents, spaces and punctuation ("Cod. Fiscale"
 * = "codicefiscale" = "CF"). A header matches a field exactly (its folded words equal a
 * synonym's, or the words joined without spaces do: "Cod.Fisc." = "codfisc"), or partly (the
 * synonym's words appear in the header: "Codice fiscale assistito"; for synonyms of six letters
 * or more also inside a word: "DataNascitaPaziente"). Each header goes to at most one field, the
 * best match first, so "Data lettera" is the letter date and not the letter type.
 */

/** Header names shown in messages as examples of what is recognized. */
const HEADER_EXAMPLES: Partial<Record<ColumnField, string>> = {
  codiceFiscale: '«Codice fiscale», «CF», «C.F.», «Cod. fiscale»',
};

/** Points for each kind of match (headerMatch), a longer synonym first within a kind. */
const MATCH_POINTS = [0, 10, 100, 1000] as const;

/** How well a header (as headerWords) matches `synonym`; 0 for no match. */
function score(words: string[], synonym: string): number {
  const match = headerMatch(words, synonym);
  return match === 0 ? 0 : MATCH_POINTS[match] + synonym.replace(/ /g, '').length;
}

export interface ColumnMatch {
  /** Column index for each field found. */
  columns: Partial<Record<ColumnField, number>>;
  /** Headers that name both surname and given name ("Cognome e nome"): not usable as either. */
  combinedName: number[];
}

/** Finds the columns of `fields` among `headers`. */
export function matchColumns(headers: readonly string[], fields: readonly ColumnField[]): ColumnMatch {
  const candidates: { field: ColumnField; column: number; score: number }[] = [];
  const combinedName: number[] = [];
  headers.forEach((raw, column) => {
    const words = headerWords(raw);
    if (words.length === 0) return;
    // "Cognome e nome", "Cognome/Nome", "Nominativo": one column for two fields.
    if ((words.includes('cognome') && words.includes('nome')) || words.join('') === 'cognomenome' || words[0] === 'nominativo') {
      combinedName.push(column);
      return;
    }
    for (const field of fields) {
      if (isAboutSomethingElse(words, field)) continue;
      let best = 0;
      for (const synonym of HEADER_SYNONYMS[field]) best = Math.max(best, score(words, synonym));
      if (best > 0) candidates.push({ field, column, score: best });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const columns: Partial<Record<ColumnField, number>> = {};
  const taken = new Set<number>();
  for (const c of candidates) {
    if (columns[c.field] !== undefined || taken.has(c.column)) continue;
    columns[c.field] = c.column;
    taken.add(c.column);
  }
  return { columns, combinedName };
}

/** Does this row look like a header with a codice fiscale column? */
export function hasCfHeader(cells: readonly string[]): boolean {
  return matchColumns(cells, ['codiceFiscale']).columns.codiceFiscale !== undefined;
}

/** A header longer than this is shown cut: a long "header" is more likely a line of text than a column's name. */
const QUOTED_HEADER_CHARS = 40;

export function quoteList(items: readonly string[], max = 30): string {
  const shown = items.slice(0, max).map((h) => `«${h.length > QUOTED_HEADER_CHARS ? `${h.slice(0, QUOTED_HEADER_CHARS)}…` : h}»`);
  if (items.length > max) shown.push(`e altre ${items.length - max}`);
  return shown.join(', ');
}

/**
 * The file's columns as a message names them ("Colonne trovate: «A», «B»."), or for a file with
 * one column only just that: the one "column" of a text that is no table is its first line, and
 * no message quotes what such a file holds (`en`: the same for the log).
 */
export function columnsSentence(headers: readonly string[], what: 'trovate' | 'del file'): { it: string; en: string } {
  const found = headers.filter((h) => h.trim());
  if (found.length === 0) return { it: 'Il file non ha una riga di intestazione.', en: 'no header row' };
  if (found.length === 1) {
    return {
      it: 'Il file ha una sola colonna: non sembra un elenco in colonne (in un file CSV le colonne sono separate da punto e virgola, virgola o tabulazione).',
      en: 'one column only, not a table',
    };
  }
  return { it: `Colonne ${what}: ${quoteList(found)}.`, en: `headers [${found.map((h) => h.slice(0, QUOTED_HEADER_CHARS)).join(' | ')}]` };
}

export function missingColumnError(field: ColumnField, headers: readonly string[], file: string): ImportFormatError {
  const expected = HEADER_EXAMPLES[field] ?? HEADER_SYNONYMS[field].slice(0, 3).map((s) => `«${s}»`).join(', ');
  const columns = columnsSentence(headers, 'trovate');
  return new ImportFormatError(
    'missing-column',
    `${file}: no ${field} column (${columns.en})`,
    `Nel file manca la colonna «${FIELD_LABEL[field]}» (intestazioni riconosciute: ${expected}). ${columns.it}`,
  );
}
