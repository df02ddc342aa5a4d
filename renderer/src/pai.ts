import type { z } from 'zod';
import type { PaiView } from '../../shared/contract/pai';
import type { PeriodUnit } from '../../shared/domain/pai/cadence';
import { paiCompleteness, type PaiCompleteness } from '../../shared/domain/pai/completeness';
import type { Pai, PaiItem } from '../../shared/domain/pai/model';
import { activationIssues, type PaiIssue } from '../../shared/domain/pai/validation';

/** The PAI page's pure logic: which templates to offer, how a draft being written stands. */

export const PERIOD_UNIT_LABEL: Record<PeriodUnit, string> = { d: 'giorni', wk: 'settimane', mo: 'mesi', a: 'anni' };

/** The templates whose pathologies the patient has: pre-checked in "Nuovo PAI". */
export function suggestedTemplates(templates: readonly { id: string; pathologyCodes: readonly number[] }[], patientCodes: readonly number[]): string[] {
  const has = new Set(patientCodes);
  return templates.filter((t) => t.pathologyCodes.some((c) => has.has(c))).map((t) => t.id);
}

/** The codes the core flagged as outside the national catalogue ("items.3.code" names the item). */
export function flaggedCodes(view: Pick<PaiView, 'pai' | 'issues'>): Set<string> {
  const codes = new Set<string>();
  for (const issue of view.issues) {
    const m = /^items\.(\d+)\.code$/.exec(issue.path);
    const item = m ? view.pai.items[Number(m[1])] : undefined;
    if (issue.code === 'not-in-catalogue' && item) codes.add(item.code);
  }
  return codes;
}

export interface DraftState {
  completeness: PaiCompleteness;
  errors: PaiIssue[];
  warnings: PaiIssue[];
  /** Why "Attiva" is disabled; null when the draft can be activated. */
  activationBlocked: string | null;
}

/**
 * The draft as the MMG is writing it, checked here as the core will check it at activation (the
 * core checks again); codes outside the catalogue are the core's to know, and are given.
 */
export function draftState(pai: Pai, unknownCodes: ReadonlySet<string>): DraftState {
  const issues = activationIssues(pai, null);
  const errors = issues.filter((i) => i.severity === 'error');
  const seen = new Set<string>();
  const unknown = pai.items.filter((i) => unknownCodes.has(i.code) && !seen.has(i.code) && seen.add(i.code));
  const warnings = [
    ...issues.filter((i) => i.severity === 'warning'),
    ...unknown.map((i): PaiIssue => ({ code: 'not-in-catalogue', path: 'items', severity: 'warning', message: `Il codice ${i.code} non è nel catalogo nazionale delle prestazioni: verificarlo.` })),
  ];
  const first = errors[0];
  return {
    completeness: paiCompleteness(pai),
    errors,
    warnings,
    activationBlocked: first ? `Non attivabile: ${first.message}${moreText(errors.length - 1)}` : null,
  };
}

function moreText(others: number): string {
  if (others === 0) return '';
  return others === 1 ? ' (e un altro problema)' : ` (e altri ${others} problemi)`;
}

/** A prestazione added by hand: once a year from the PAI's start, a follow-up (no CUP class). */
export function newItem(entry: { code: string; description: string }, start: string): PaiItem {
  return {
    code: entry.code.trim().toUpperCase(),
    description: entry.description.trim() || entry.code.trim().toUpperCase(),
    timing: { frequency: 1, period: 1, periodMax: null, periodUnit: 'a', bounds: { start, end: null } },
    priority: null,
    fromTemplates: [],
    note: null,
  };
}

/** A whole number typed in a cadence box; what is not one becomes 0, which the checks name. */
export function wholeNumber(text: string): number {
  const n = Number(text.trim());
  return Number.isInteger(n) ? n : 0;
}

/** Replaces the element at `index`, leaving the others. */
export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((x, i) => (i === index ? value : x));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** What the draft changes: the sections the page edits, sent whole (each replaces the draft's). */
export function planChanges(pai: Pai) {
  return { plan: { pathologies: pai.pathologies, items: pai.items, drugs: pai.drugs, lifestyle: pai.lifestyle, vaccinations: pai.vaccinations } };
}

/** The first of a schema's Italian messages, to show under a form. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Dati non validi.';
}
