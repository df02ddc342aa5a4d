import { AppError } from '../errors';

/**
 * The national catalogue of outpatient prestazioni (nomenclatore della specialistica
 * ambulatoriale), shipped as shared/data/catalogo-prestazioni.csv (source in shared/data/README.md).
 * shared/ reads no files: whoever holds the text (the core, a test) parses it here.
 */

export const CATALOGUE_SYSTEM = 'http://hl7.it/fhir/televisita/CodeSystem/CodesystemCatalogoNazionalePrestazioni';

export interface CatalogueEntry {
  code: string;
  description: string;
}

/** A code the catalogue lacks is answered, not refused: a PAI may hold it, flagged for review. */
export type CatalogueLookup =
  | { code: string; inCatalogue: true; description: string }
  | { code: string; inCatalogue: false; description: null };

/** Codes as the catalogue writes them: trimmed, upper case ("89.01.l" is 89.01.L). */
export function normalizePrestazioneCode(code: string): string {
  return code.trim().toUpperCase();
}

export class Catalogue {
  private readonly byCode: ReadonlyMap<string, string>;

  constructor(entries: readonly CatalogueEntry[]) {
    this.byCode = new Map(entries.map((e) => [normalizePrestazioneCode(e.code), e.description]));
  }

  get size(): number {
    return this.byCode.size;
  }

  lookup(code: string): CatalogueLookup {
    const normalized = normalizePrestazioneCode(code);
    const description = this.byCode.get(normalized);
    return description === undefined ? { code: normalized, inCatalogue: false, description: null } : { code: normalized, inCatalogue: true, description };
  }

  entries(): CatalogueEntry[] {
    return [...this.byCode].map(([code, description]) => ({ code, description }));
  }

  /** Codes starting with the text first, then descriptions containing every word of it (accents ignored). */
  search(text: string, limit: number): CatalogueEntry[] {
    const code = normalizePrestazioneCode(text);
    const words = fold(text).split(/\s+/).filter((w) => w.length > 0);
    const byCode: CatalogueEntry[] = [];
    const byWords: CatalogueEntry[] = [];
    for (const [c, description] of this.byCode) {
      if (c.startsWith(code)) byCode.push({ code: c, description });
      else if (words.length > 0 && words.every((w) => fold(description).includes(w))) byWords.push({ code: c, description });
    }
    return [...byCode, ...byWords].slice(0, limit);
  }
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export class CatalogueFormatError extends AppError {
  constructor(line: number, problem: string, problema: string) {
    super('catalogue-format', `catalogue line ${line}: ${problem}`, `Catalogo delle prestazioni, riga ${line}: ${problema}.`);
  }
}

/** Splits one line of semicolon-separated values, where a quoted field may hold semicolons. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ';') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** Parses the catalogue file (`codice;descrizione`, UTF-8). A repeated code means a damaged file. */
export function parseCatalogueCsv(text: string): Catalogue {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== 'codice;descrizione') throw new CatalogueFormatError(1, 'the header must be "codice;descrizione"', 'l\'intestazione deve essere "codice;descrizione"');
  const entries: CatalogueEntry[] = [];
  const seen = new Set<string>();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const lineNo = i + 2;
    const fields = splitCsvLine(line);
    const code = normalizePrestazioneCode(fields[0] ?? '');
    const description = (fields[1] ?? '').trim();
    if (fields.length !== 2 || !code || !description) throw new CatalogueFormatError(lineNo, 'expected a code and a description', 'attesi un codice e una descrizione');
    if (seen.has(code)) throw new CatalogueFormatError(lineNo, `code ${code} repeated`, `il codice ${code} è ripetuto`);
    seen.add(code);
    entries.push({ code, description });
  });
  return new Catalogue(entries);
}

/**
 * What the CUP's class D distinguishes: visits wait at most 30 days, every other prestazione 60
 * (instrumental exams; laboratory tests are counted with them, as the rule names no third kind).
 * Decided by the code, so that codes outside the catalogue get an answer too: the visit families
 * of the catalogue are 89.01.x (follow-up visits), 89.7 and 89.7A-C.x (first visits), 89.02,
 * 89.07.x, 89.13, 89.26.1-4, 94.12.1, 94.19.1, 95.02 and 95.43; the test checks this list against
 * the descriptions, which begin with "VISITA" or "PRIMA VISITA".
 */
export type PrestazioneKind = 'visita' | 'strumentale';

const VISIT_CODE = /^(89\.01(\.[0-9A-Z])?|89\.02|89\.07(\.[0-9A-Z])?|89\.13|89\.26\.[1-4]|89\.7([A-C]\.\d)?|94\.12\.1|94\.19\.1|95\.02|95\.43)$/;

export function prestazioneKind(code: string): PrestazioneKind {
  return VISIT_CODE.test(normalizePrestazioneCode(code)) ? 'visita' : 'strumentale';
}
