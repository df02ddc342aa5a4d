import { ImportFormatError } from '../errors';
import { fold } from './values';

/**
 * Column headers matched by name, ignoring case, accents, spaces and punctuation ("Cod. Fiscale"
 * = "codicefiscale" = "CF"). A header matches a field exactly (its folded words equal a
 * synonym's, or the words joined without spaces do: "Cod.Fisc." = "codfisc"), or partly (the
 * synonym's words appear in the header: "Codice fiscale assistito"; for synonyms of six letters
 * or more also inside a word: "DataNascitaPaziente"). Each header goes to at most one field, the
 * best match first, so "Data lettera" is the letter date and not the letter type.
 */

export type ColumnField =
  | 'codiceFiscale'
  | 'surname'
  | 'givenName'
  | 'birthDate'
  | 'sex'
  | 'chronicLevel'
  | 'pathologies'
  | 'letterType'
  | 'letterDate'
  | 'phone'
  | 'mobile'
  | 'email'
  | 'icd9'
  | 'exemptions';

export const HEADER_SYNONYMS: Record<ColumnField, readonly string[]> = {
  codiceFiscale: ['codice fiscale', 'cf', 'c f', 'cod fiscale', 'codicefiscale', 'cod fisc', 'cod fis', 'cfisc', 'codice fiscale paziente', 'codice fiscale assistito', 'fiscal code', 'tax code'],
  surname: ['cognome', 'surname', 'family name', 'last name'],
  givenName: ['nome', 'given name', 'first name', 'nome proprio'],
  birthDate: ['data nascita', 'data di nascita', 'nascita', 'dt nascita', 'data nasc', 'dt nasc', 'nato il', 'birth date', 'date of birth', 'birthdate', 'dob'],
  sex: ['sesso', 'sex', 'genere', 'gender', 'm f'],
  chronicLevel: ['livello', 'livello cronicita', 'livello di cronicita', 'stratificazione', 'livello stratificazione', 'liv', 'livello pic', 'classe di stratificazione'],
  pathologies: ['patologie', 'patologia', 'codici patologia', 'codice patologia', 'cod patologia', 'codici patologie', 'patologie croniche'],
  letterType: ['tipo lettera', 'lettera', 'tipologia lettera', 'tipo di lettera', 'tipo let'],
  letterDate: ['data lettera', 'data invio', 'data invio lettera', 'dt lettera', 'data della lettera'],
  phone: ['telefono', 'tel', 'telefono fisso', 'tel fisso', 'recapito telefonico', 'n telefono', 'numero telefono', 'phone'],
  mobile: ['cellulare', 'cell', 'telefono cellulare', 'tel cellulare', 'tel cell', 'mobile', 'n cellulare', 'numero cellulare'],
  email: ['email', 'e mail', 'mail', 'posta elettronica', 'posta elettr', 'indirizzo email', 'indirizzo e mail', 'pec'],
  icd9: ['icd9', 'icd 9', 'icd9 cm', 'icd 9 cm', 'codice icd9', 'codici icd9', 'diagnosi', 'codici diagnosi', 'codice diagnosi', 'problemi', 'codici problemi'],
  exemptions: ['esenzioni', 'esenzione', 'codici esenzione', 'codice esenzione', 'esenzioni ticket', 'esenzione ticket'],
};

/** Words that make a header about someone or something else ("CF medico", "Luogo di nascita"). */
const NOT_THE_PATIENT = ['medico', 'mmg', 'curante', 'operatore', 'caregiver', 'familiare', 'delegato', 'tutore'];
const EXCLUDED_WORDS: Partial<Record<ColumnField, readonly string[]>> = {
  birthDate: ['luogo', 'comune', 'provincia', 'stato', 'nazione', 'citta'],
};

/** The Italian name of each field, for messages and the mapping form. */
export const FIELD_LABEL: Record<ColumnField, string> = {
  codiceFiscale: 'Codice fiscale',
  surname: 'Cognome',
  givenName: 'Nome',
  birthDate: 'Data di nascita',
  sex: 'Sesso',
  chronicLevel: 'Livello di cronicità',
  pathologies: 'Patologie',
  letterType: 'Tipo lettera',
  letterDate: 'Data lettera',
  phone: 'Telefono',
  mobile: 'Cellulare',
  email: 'Email',
  icd9: 'Diagnosi ICD9-CM',
  exemptions: 'Esenzioni',
};

/** Header names shown in messages as examples of what is recognized. */
const HEADER_EXAMPLES: Partial<Record<ColumnField, string>> = {
  codiceFiscale: '«Codice fiscale», «CF», «C.F.», «Cod. fiscale»',
};

/** How well `header` matches `synonym` (both folded); 0 for no match. */
function score(headerWords: string[], synonym: string): number {
  const synWords = synonym.split(' ');
  const header = headerWords.join(' ');
  const joinedHeader = headerWords.join('');
  const joinedSyn = synWords.join('');
  if (header === synonym || joinedHeader === joinedSyn) return 1000 + joinedSyn.length;
  // The synonym's words, in a row, among the header's words.
  for (let i = 0; i + synWords.length <= headerWords.length; i++) {
    if (synWords.every((w, k) => headerWords[i + k] === w)) return 100 + joinedSyn.length;
  }
  if (joinedSyn.length >= 6 && joinedHeader.includes(joinedSyn)) return 10 + joinedSyn.length;
  return 0;
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
    const words = fold(raw).split(' ').filter(Boolean);
    if (words.length === 0) return;
    // "Cognome e nome", "Cognome/Nome", "Nominativo": one column for two fields.
    if ((words.includes('cognome') && words.includes('nome')) || words.join('') === 'cognomenome' || words[0] === 'nominativo') {
      combinedName.push(column);
      return;
    }
    const aboutSomeoneElse = words.some((w) => NOT_THE_PATIENT.includes(w));
    for (const field of fields) {
      if (aboutSomeoneElse || words.some((w) => EXCLUDED_WORDS[field]?.includes(w))) continue;
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

export function quoteList(items: readonly string[], max = 30): string {
  const shown = items.slice(0, max).map((h) => `«${h}»`);
  if (items.length > max) shown.push(`e altre ${items.length - max}`);
  return shown.join(', ');
}

export function missingColumnError(field: ColumnField, headers: readonly string[], file: string): ImportFormatError {
  const expected = HEADER_EXAMPLES[field] ?? HEADER_SYNONYMS[field].slice(0, 3).map((s) => `«${s}»`).join(', ');
  const found = headers.filter((h) => h.trim());
  return new ImportFormatError(
    'missing-column',
    `${file}: no ${field} column among the headers [${found.join(' | ')}]`,
    `Nel file manca la colonna «${FIELD_LABEL[field]}» (intestazioni riconosciute: ${expected}). ` +
      (found.length ? `Colonne trovate: ${quoteList(found)}.` : 'Il file non ha una riga di intestazione.'),
  );
}
