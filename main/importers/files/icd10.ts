import { pathologyName } from '../../../shared/domain/pathology';

/**
 * ICD-10 (WHO and ICD-10-CM) diagnoses to the PiC's first-application pathologies, mirroring the
 * ICD9-CM groups of shared/domain/pathology.ts chapter by chapter. Like those, a match only
 * suggests a pathology for the MMG to confirm.
 *
 * | regional code | pathology                         | ICD9-CM groups             | ICD-10 here                          |
 * |---------------|-----------------------------------|----------------------------|--------------------------------------|
 * | 9             | insufficienza respiratoria / O2   | 518.83, 518.84, V46.2      | J96.1, J96.2, Z99.81                 |
 * | 20            | scompenso cardiaco                | 428, 402.x1, 404.x1/x3     | I50, I11.0, I13.0, I13.2             |
 * | 44 (8)        | diabete tipo 1 (complicato)       | 250.x1/x3                  | E10 (E10.0-E10.8 complicato)         |
 * | 50 (16)       | diabete tipo 2 (complicato)       | 250.x0/x2 (II or unspec.)  | E11, E14 (.0-.8 complicato)          |
 * | 29            | cardiopatia ischemica             | 410-414                    | I20-I25                              |
 * | 39            | BPCO                              | 490-492, 494, 496          | J40-J44, J47                         |
 * | 56            | ipertensione arteriosa            | 401-405                    | I10-I15                              |
 * | 14            | vasculopatia arteriosa            | 440-443                    | I70-I73                              |
 * | 23            | vasculopatia cerebrale            | 430-438                    | I60-I69, G45 (TIA = 435)             |
 * | 30            | miocardiopatia aritmica           | 427                        | I46-I49                              |
 * | 17 (2)        | insufficienza renale cronica      | 585; V45.11, V56 (dialisi) | N18; Z99.2, Z49 (dialisi)            |
 *
 * Hypertensive heart (I11.0) and heart-and-kidney disease with failure (I13.0, I13.2) suggest
 * both heart failure and hypertension, as 402.x1 and 404.x1/x3 do.
 */

export interface Icd10Code {
  /** Letter and two digits: "E11". */
  category: string;
  /** Characters after the category, without the dot: "65" for E11.65. */
  sub: string;
  /** Canonical dotted form: "E11.65", "I10". */
  text: string;
}

const PATTERN = /^([A-Z])(\d{2})\.?([0-9A-Z]{0,4})$/;

/** "e11.9", "E119", "I10" -> parsed; anything else (ICD-9, text) -> null. */
export function parseIcd10(raw: string): Icd10Code | null {
  const m = PATTERN.exec(raw.trim().toUpperCase());
  if (!m) return null;
  // "V45.11" is ICD9-CM, whose V codes look like ICD-10 ones: only the length tells apart, so
  // callers pass ICD-10 codes from an ICD-10 coding system, not guesses.
  const category = `${m[1]}${m[2]}`;
  const sub = m[3] ?? '';
  return { category, sub, text: sub ? `${category}.${sub}` : category };
}

interface Rule {
  label: string;
  code: number;
  matches(c: Icd10Code): boolean;
  /** The specific form's code when the rule says so (complicated diabetes, dialysis). */
  variant?(c: Icd10Code): number | null;
}

const cat = (...cats: string[]) => (c: Icd10Code) => cats.includes(c.category);
const range = (letter: string, from: number, to: number) => (c: Icd10Code) => {
  if (c.category[0] !== letter) return false;
  const n = Number(c.category.slice(1));
  return n >= from && n <= to;
};
const prefix = (...codes: string[]) => (c: Icd10Code) => codes.some((p) => (c.category + c.sub).startsWith(p.replace('.', '')));
/** Diabetes: a fourth character 0-8 names a complication, 9 (or none) none. */
const complicated = (variantCode: number) => (c: Icd10Code) => (/^[0-8]/.test(c.sub) ? variantCode : null);

const RULES: readonly Rule[] = [
  { label: 'J96.1, J96.2, Z99.81', code: 9, matches: prefix('J96.1', 'J96.2', 'Z99.81') },
  { label: 'I50, I11.0, I13.0, I13.2', code: 20, matches: (c) => cat('I50')(c) || prefix('I11.0', 'I13.0', 'I13.2')(c) },
  { label: 'E10', code: 44, matches: cat('E10'), variant: complicated(8) },
  { label: 'E11, E14', code: 50, matches: cat('E11', 'E14'), variant: complicated(16) },
  { label: 'I20-I25', code: 29, matches: range('I', 20, 25) },
  { label: 'J40-J44, J47', code: 39, matches: (c) => range('J', 40, 44)(c) || cat('J47')(c) },
  { label: 'I10-I15', code: 56, matches: range('I', 10, 15) },
  { label: 'I70-I73', code: 14, matches: range('I', 70, 73) },
  { label: 'I60-I69, G45', code: 23, matches: (c) => range('I', 60, 69)(c) || cat('G45')(c) },
  { label: 'I46-I49', code: 30, matches: range('I', 46, 49) },
  { label: 'N18', code: 17, matches: cat('N18') },
  { label: 'Z99.2, Z49', code: 17, matches: (c) => prefix('Z99.2')(c) || cat('Z49')(c), variant: () => 2 },
];

export interface Icd10PathologySuggestion {
  /** Regional code: the specific form's when the code says so (complicated diabetes, dialysis). */
  code: number;
  name: string;
  /** The first-application pathology it belongs to. */
  baseCode: number;
  /** The diagnosis that suggested it, canonical ICD-10. */
  icd10: string;
  rule: string;
}

/** Suggestions for the MMG to confirm; unparseable codes are skipped. Same shape as suggestPathologies. */
export function suggestPathologiesFromIcd10(codes: readonly string[]): Icd10PathologySuggestion[] {
  const out = new Map<number, Icd10PathologySuggestion>();
  for (const raw of codes) {
    const code = parseIcd10(raw);
    if (!code) continue;
    for (const rule of RULES) {
      if (!rule.matches(code)) continue;
      const regional = rule.variant?.(code) ?? rule.code;
      if (out.has(regional)) continue;
      out.set(regional, {
        code: regional,
        name: pathologyName(regional) ?? String(regional),
        baseCode: rule.code,
        icd10: code.text,
        rule: rule.label,
      });
    }
  }
  return [...out.values()];
}
