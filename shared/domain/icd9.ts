/**
 * ICD9-CM diagnosis codes as record software stores them: "250.01", "25001", "V46.2", "v4511".
 * Parsed into category (3 digits, or V + 2 digits) and the subdivision digits after it.
 */
export interface Icd9Code {
  category: string;
  sub: string;
  /** Canonical dotted form: "250.01", "V46.2", "401". */
  text: string;
}

const PATTERN = /^(\d{3}|V\d{2})\.?(\d{0,2})$/;

export function parseIcd9(raw: string): Icd9Code | null {
  const m = PATTERN.exec(raw.trim().toUpperCase());
  if (!m) return null;
  const category = m[1] as string;
  const sub = m[2] ?? '';
  return { category, sub, text: sub ? `${category}.${sub}` : category };
}

/** Numeric category (250) or null for V codes. */
export function numericCategory(code: Icd9Code): number | null {
  return /^\d{3}$/.test(code.category) ? Number(code.category) : null;
}
