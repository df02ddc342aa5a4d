import { z } from 'zod';
import { numericCategory, parseIcd9, type Icd9Code } from './icd9';
import { REGIONAL_PATHOLOGIES } from './regionalPathologies';

/** Where a patient's pathology came from: the ATS list, a diagnosis code's suggestion, the MMG. */
export const PathologySource = z.enum(['ats', 'icd9', 'icd10', 'mmg']);
export type PathologySource = z.infer<typeof PathologySource>;

/**
 * The 11 pathologies of the PiC's first application, with the codes of Regione Lombardia's
 * code system SGDT-PatologieNonICD9CM. The ICD9-CM groups only *suggest* a pathology: the region
 * classifies from its own data bank and the MMG confirms.
 */
export const PATOLOGIE_CODE_SYSTEM =
  'https://fhir.siss.regione.lombardia.it/CodeSystem/SGDT-PatologieNonICD9CM';

export interface PathologyRule {
  /** Human form of the group, e.g. "250.x1". */
  label: string;
  matches(code: Icd9Code): boolean;
  /** When the match means a more specific regional pathology (complicated diabetes, dialysis). */
  variantCode?: number;
}

export interface Pathology {
  code: number;
  name: string;
  rules: PathologyRule[];
  /** Regional codes of the specific forms, keyed by what makes them specific. */
  variants?: Record<string, { code: number; name: string }>;
}

const inRange = (from: number, to: number): PathologyRule['matches'] => (c) => {
  const n = numericCategory(c);
  return n !== null && n >= from && n <= to;
};

const category = (cat: string): PathologyRule['matches'] => (c) => c.category === cat;

/** `prefix` is the dotted form of the start of a code: "518.83", "V45.11", "V56". */
const startsWith = (prefix: string): PathologyRule['matches'] => {
  const target = parseIcd9(prefix);
  if (!target) throw new Error(`bad ICD9 prefix in the catalogue: ${prefix}`);
  return (c) => c.category === target.category && c.sub.startsWith(target.sub);
};

/** Diabetes (250.ab): a is the complication digit (0 none), b the type and control digit. */
const diabetes = (fifthDigits: string[], complicated: boolean): PathologyRule['matches'] => (c) =>
  c.category === '250' &&
  c.sub.length === 2 &&
  fifthDigits.includes(c.sub[1] as string) &&
  (c.sub[0] !== '0') === complicated;

/** Hypertensive heart (402.x1) and heart-and-kidney (404.x1, 404.x3) disease with failure. */
const hypertensiveFailure = (cat: string, fifthDigits: string[]): PathologyRule['matches'] => (c) =>
  c.category === cat && c.sub.length === 2 && fifthDigits.includes(c.sub[1] as string);

export const PATHOLOGIES: readonly Pathology[] = [
  {
    code: 9,
    name: 'Insufficienza respiratoria / ossigenoterapia',
    rules: [
      { label: '518.83', matches: startsWith('518.83') },
      { label: '518.84', matches: startsWith('518.84') },
      { label: 'V46.2', matches: startsWith('V46.2') },
    ],
  },
  {
    code: 20,
    name: 'Scompenso cardiaco',
    rules: [
      { label: '428.x', matches: category('428') },
      { label: '402.x1', matches: hypertensiveFailure('402', ['1']) },
      { label: '404.x1, 404.x3', matches: hypertensiveFailure('404', ['1', '3']) },
    ],
  },
  {
    code: 44,
    name: 'Diabete mellito tipo 1',
    rules: [
      { label: '250.01, 250.03', matches: diabetes(['1', '3'], false) },
      { label: '250.x1, 250.x3 (x 1-9)', matches: diabetes(['1', '3'], true), variantCode: 8 },
    ],
    variants: { complicato: { code: 8, name: 'Diabete mellito tipo 1 complicato' } },
  },
  {
    code: 50,
    name: 'Diabete mellito tipo 2',
    rules: [
      { label: '250.00, 250.02', matches: diabetes(['0', '2'], false) },
      { label: '250.x0, 250.x2 (x 1-9)', matches: diabetes(['0', '2'], true), variantCode: 16 },
    ],
    variants: { complicato: { code: 16, name: 'Diabete mellito tipo 2 complicato' } },
  },
  { code: 29, name: 'Cardiopatia ischemica', rules: [{ label: '410-414', matches: inRange(410, 414) }] },
  {
    code: 39,
    name: 'BPCO',
    rules: [
      { label: '490-492', matches: inRange(490, 492) },
      { label: '494', matches: category('494') },
      { label: '496', matches: category('496') },
    ],
  },
  { code: 56, name: 'Ipertensione arteriosa', rules: [{ label: '401-405', matches: inRange(401, 405) }] },
  { code: 14, name: 'Vasculopatia arteriosa', rules: [{ label: '440-443', matches: inRange(440, 443) }] },
  { code: 23, name: 'Vasculopatia cerebrale', rules: [{ label: '430-438', matches: inRange(430, 438) }] },
  { code: 30, name: 'Miocardiopatia aritmica', rules: [{ label: '427.x', matches: category('427') }] },
  {
    code: 17,
    name: 'Insufficienza renale cronica',
    rules: [
      { label: '585.x', matches: category('585') },
      { label: 'V45.11', matches: startsWith('V45.11'), variantCode: 2 },
      { label: 'V56.x', matches: startsWith('V56'), variantCode: 2 },
    ],
    variants: { dialisi: { code: 2, name: 'Insufficienza renale cronica in dialisi' } },
  },
];

const BY_CODE = new Map<number, { code: number; name: string }>();
for (const p of PATHOLOGIES) {
  BY_CODE.set(p.code, p);
  for (const v of Object.values(p.variants ?? {})) BY_CODE.set(v.code, v);
}

const REGIONAL_NAME = new Map(REGIONAL_PATHOLOGIES.map((p) => [p.code, p.name.charAt(0) + p.name.slice(1).toLowerCase()]));

/** Name of a regional pathology code: the first application's wording, else the regional list's. */
export function pathologyName(code: number): string | null {
  return BY_CODE.get(code)?.name ?? REGIONAL_NAME.get(code) ?? null;
}

/** A pathology of the first application (base or specific form): what imports accept. */
export function isKnownPathologyCode(code: number): boolean {
  return BY_CODE.has(code);
}

/** One of the 65 regional codes: what the MMG may record. */
export function isRegionalPathologyCode(code: number): boolean {
  return REGIONAL_NAME.has(code);
}

/** The regional list for the MMG to choose from: the first application's eleven first, then the others by name. */
export function pathologyChoices(): { code: number; name: string; firstApplication: boolean }[] {
  const first = [...BY_CODE.values()].map((p) => ({ code: p.code, name: p.name, firstApplication: true }));
  const others = REGIONAL_PATHOLOGIES.filter((p) => !BY_CODE.has(p.code))
    .map((p) => ({ code: p.code, name: REGIONAL_NAME.get(p.code) as string, firstApplication: false }))
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
  return [...first, ...others];
}

export interface PathologySuggestion {
  /** Regional code: the specific form's when a rule says so (complicated diabetes, dialysis). */
  code: number;
  name: string;
  /** The first-application pathology it belongs to. */
  baseCode: number;
  /** The diagnosis that suggested it, canonical ICD9-CM. */
  icd9: string;
  rule: string;
}

/** Suggestions for the MMG to confirm; unparseable codes are skipped (they are no evidence). */
export function suggestPathologies(icd9Codes: readonly string[]): PathologySuggestion[] {
  const out = new Map<number, PathologySuggestion>();
  for (const raw of icd9Codes) {
    const code = parseIcd9(raw);
    if (!code) continue;
    for (const p of PATHOLOGIES) {
      const rule = p.rules.find((r) => r.matches(code));
      if (!rule) continue;
      const regional = rule.variantCode ?? p.code;
      if (out.has(regional)) continue;
      out.set(regional, {
        code: regional,
        name: pathologyName(regional) ?? p.name,
        baseCode: p.code,
        icd9: code.text,
        rule: rule.label,
      });
    }
  }
  return [...out.values()];
}
