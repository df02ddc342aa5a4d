/**
 * The patient fields an import fills from a file's columns, the names studios and record software
 * give those columns, and how a header is compared with them. One table for the core, which
 * recognizes the columns of a file (main/importers/files/headers.ts), and for the Importazione
 * page, which proposes a column mapping (renderer/src/importing.ts): both see the same headers
 * the same way. Pure TypeScript: no Node, no DOM.
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

/**
 * The fields a column mapping of the "mapped-file" adapter can fill, in the order the mapping
 * form shows them (and the order that breaks ties when the names are guessed).
 */
export const MAPPED_FIELDS = [
  'codiceFiscale',
  'surname',
  'givenName',
  'birthDate',
  'sex',
  'phone',
  'mobile',
  'email',
  'chronicLevel',
  'icd9',
  'exemptions',
] as const satisfies readonly ColumnField[];
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** Column names as studios and record software write them, already folded (see headerWords). */
export const HEADER_SYNONYMS: Record<ColumnField, readonly string[]> = {
  codiceFiscale: ['codice fiscale', 'cf', 'c f', 'cod fiscale', 'codicefiscale', 'cod fisc', 'cod fis', 'cfisc', 'codice fiscale paziente', 'codice fiscale assistito', 'fiscal code', 'tax code'],
  surname: ['cognome', 'surname', 'family name', 'last name'],
  givenName: ['nome', 'given name', 'first name', 'nome proprio'],
  birthDate: ['data nascita', 'data di nascita', 'nascita', 'dt nascita', 'data nasc', 'dt nasc', 'nato il', 'nata il', 'birth date', 'date of birth', 'birthdate', 'dob'],
  sex: ['sesso', 'sex', 'genere', 'gender', 'm f'],
  chronicLevel: ['livello', 'livello cronicita', 'livello di cronicita', 'stratificazione', 'livello stratificazione', 'liv', 'livello pic', 'classe di stratificazione'],
  pathologies: ['patologie', 'patologia', 'codici patologia', 'codice patologia', 'cod patologia', 'codici patologie', 'patologie croniche'],
  letterType: ['tipo lettera', 'lettera', 'tipologia lettera', 'tipo di lettera', 'tipo let'],
  letterDate: ['data lettera', 'data invio', 'data invio lettera', 'dt lettera', 'data della lettera'],
  phone: ['telefono', 'tel', 'telefono fisso', 'tel fisso', 'tel abitazione', 'telefono abitazione', 'recapito telefonico', 'n telefono', 'numero telefono', 'phone'],
  mobile: ['cellulare', 'cell', 'telefono cellulare', 'tel cellulare', 'tel cell', 'mobile', 'n cellulare', 'numero cellulare'],
  email: ['email', 'e mail', 'mail', 'posta elettronica', 'posta elettr', 'indirizzo email', 'indirizzo e mail', 'pec'],
  icd9: ['icd9', 'icd 9', 'icd9 cm', 'icd 9 cm', 'codice icd9', 'codici icd9', 'diagnosi', 'codici diagnosi', 'codice diagnosi', 'problemi', 'codici problemi'],
  exemptions: ['esenzioni', 'esenzione', 'codici esenzione', 'codice esenzione', 'esenzioni ticket', 'esenzione ticket'],
};

/** The Italian name of each field, for the core's messages (the mapping form shortens two of them). */
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

/** Words that make a header about someone else ("CF medico"). */
const NOT_THE_PATIENT: readonly string[] = ['medico', 'mmg', 'curante', 'operatore', 'caregiver', 'familiare', 'delegato', 'tutore'];
/** Words that make a header about something else ("Luogo di nascita"). */
const EXCLUDED_WORDS: Partial<Record<ColumnField, readonly string[]>> = {
  birthDate: ['luogo', 'comune', 'provincia', 'stato', 'nazione', 'citta'],
};

/** Letters, digits and single spaces only, lower case, accents removed: "Cod. Fiscale " -> "cod fiscale". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Data di Nascita " -> ["data", "di", "nascita"]: lower case, no accents, punctuation as spaces. */
export function headerWords(header: string): string[] {
  return foldText(header).split(' ').filter((w) => w !== '');
}

/** "Data di Nascita " -> "datadinascita". */
export function normalizeHeader(header: string): string {
  return headerWords(header).join('');
}

/** A header (as headerWords) that is about someone or something else than the patient's `field`. */
export function isAboutSomethingElse(words: readonly string[], field: ColumnField): boolean {
  const excluded = EXCLUDED_WORDS[field] ?? [];
  return words.some((w) => NOT_THE_PATIENT.includes(w) || excluded.includes(w));
}

/**
 * How a header (as headerWords) matches a synonym: 3, the same name once spaces are gone
 * ("Cod.Fisc." = "cod fisc"); 2, the synonym's words in a row among the header's ("Codice fiscale
 * assistito", "Tel. abitazione"); 1, a synonym of six letters or more inside a word
 * ("DataNascitaPaziente"); 0, no match.
 */
export function headerMatch(words: readonly string[], synonym: string): 0 | 1 | 2 | 3 {
  const syn = synonym.split(' ');
  const joinedSyn = syn.join('');
  const joinedHeader = words.join('');
  if (joinedHeader === joinedSyn) return 3;
  for (let i = 0; i + syn.length <= words.length; i++) {
    if (syn.every((w, k) => words[i + k] === w)) return 2;
  }
  return joinedSyn.length >= 6 && joinedHeader.includes(joinedSyn) ? 1 : 0;
}
