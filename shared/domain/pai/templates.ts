import { z } from 'zod';
import bpco from '../../data/pai-templates/bpco.json';
import cardiopatiaIschemica from '../../data/pai-templates/cardiopatia-ischemica.json';
import diabete1 from '../../data/pai-templates/diabete-1.json';
import diabete2 from '../../data/pai-templates/diabete-2.json';
import insufficienzaRenale from '../../data/pai-templates/insufficienza-renale.json';
import insufficienzaRespiratoria from '../../data/pai-templates/insufficienza-respiratoria.json';
import ipertensione from '../../data/pai-templates/ipertensione.json';
import miocardiopatiaAritmica from '../../data/pai-templates/miocardiopatia-aritmica.json';
import scompenso from '../../data/pai-templates/scompenso.json';
import vasculopatiaArteriosa from '../../data/pai-templates/vasculopatia-arteriosa.json';
import vasculopatiaCerebrale from '../../data/pai-templates/vasculopatia-cerebrale.json';
import { AppError } from '../../errors';
import { Cadence, tighterCadence } from './cadence';
import type { Pai, PaiItem } from './model';

/**
 * Templates of a year's prestazioni for the 11 pathologies of the first application
 * (shared/data/pai-templates/*.json, one per pathology). They are defaults a clinician must
 * review for each patient, never a prescription: every item they give carries the templates
 * it came from, so the UI can mark it as still to be reviewed.
 */

const CodedText = z.object({ code: z.string().min(1), description: z.string().min(1) });

export const TemplateItem = CodedText.extend({
  cadence: Cadence,
  /** Prestazioni that may be chosen instead (95.11 fundus photograph for the 95.02 eye visit). */
  alternatives: z.array(CodedText),
  note: z.string().nullable(),
});
export type TemplateItem = z.infer<typeof TemplateItem>;

export const PaiTemplate = z.object({
  /** What the CLI's `--templates diabete-2,ipertensione` names. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** Regional pathology codes it is for (base and specific forms: 50 and 16 complicated). */
  pathologyCodes: z.array(z.number().int()).min(1),
  reviewRequired: z.literal(true),
  items: z.array(TemplateItem).min(1),
});
export type PaiTemplate = z.infer<typeof PaiTemplate>;

/** Parsed at load: a broken data file fails every test at once rather than a PAI later. */
export const PAI_TEMPLATES: readonly PaiTemplate[] = [
  diabete2,
  diabete1,
  ipertensione,
  bpco,
  insufficienzaRespiratoria,
  scompenso,
  cardiopatiaIschemica,
  miocardiopatiaAritmica,
  vasculopatiaArteriosa,
  vasculopatiaCerebrale,
  insufficienzaRenale,
].map((t) => PaiTemplate.parse(t));

export class UnknownTemplateError extends AppError {
  constructor(readonly unknown: readonly string[]) {
    const known = PAI_TEMPLATES.map((t) => t.id).join(', ');
    super(
      'unknown-template',
      `unknown PAI template ${unknown.join(', ')} (known: ${known})`,
      `${unknown.length === 1 ? 'Modello di PAI sconosciuto' : 'Modelli di PAI sconosciuti'}: ${unknown.join(', ')}. Modelli disponibili: ${known}.`,
    );
  }
}

/** "diabete-2, ipertensione" -> the two templates, each once; unknown names are refused together. */
export function templatesByIds(list: string): PaiTemplate[] {
  const ids = [...new Set(list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const unknown = ids.filter((id) => !PAI_TEMPLATES.some((t) => t.id === id));
  if (unknown.length > 0) throw new UnknownTemplateError(unknown);
  return ids.map((id) => PAI_TEMPLATES.find((t) => t.id === id) as PaiTemplate);
}

/** The templates meant for a pathology, by its regional code. */
export function templatesForPathology(code: number): PaiTemplate[] {
  return PAI_TEMPLATES.filter((t) => t.pathologyCodes.includes(code));
}

export interface MergedTemplateItem extends TemplateItem {
  fromTemplates: string[];
}

/**
 * The union of the templates' items, each prestazione once: when two templates list it, the
 * tighter cadence is kept (the patient needs the more frequent check), alternatives and notes
 * are put together. Items keep the order in which they first appear.
 */
export function mergeTemplates(templates: readonly PaiTemplate[]): MergedTemplateItem[] {
  const byCode = new Map<string, MergedTemplateItem>();
  for (const t of templates) {
    for (const item of t.items) {
      const seen = byCode.get(item.code);
      if (!seen) {
        byCode.set(item.code, { ...item, fromTemplates: [t.id] });
        continue;
      }
      const alternatives = [...seen.alternatives, ...item.alternatives.filter((a) => !seen.alternatives.some((s) => s.code === a.code))];
      const notes = [...new Set([seen.note, item.note].filter((n): n is string => n !== null))];
      byCode.set(item.code, {
        ...seen,
        cadence: tighterCadence(seen.cadence, item.cadence),
        alternatives,
        note: notes.length > 0 ? notes.join('; ') : null,
        fromTemplates: [...seen.fromTemplates, t.id],
      });
    }
  }
  return [...byCode.values()];
}

/** PAI items from merged template items, starting on `start`; the alternatives go in the note. */
export function itemsFromTemplates(merged: readonly MergedTemplateItem[], start: string): PaiItem[] {
  return merged.map((m) => {
    const alternatives = m.alternatives.length > 0 ? `in alternativa: ${m.alternatives.map((a) => `${a.code} ${a.description}`).join('; ')}` : null;
    const note = [m.note, alternatives].filter((n): n is string => n !== null).join('; ');
    return {
      code: m.code,
      description: m.description,
      timing: { ...m.cadence, bounds: { start, end: null } },
      priority: null,
      fromTemplates: m.fromTemplates,
      note: note === '' ? null : note,
    };
  });
}

/**
 * A draft with the templates' items added from its first day. What the MMG already planned
 * stays as he wrote it: a template adds only the prestazioni the PAI does not have.
 */
export function applyTemplates(pai: Pai, templates: readonly PaiTemplate[]): Pai {
  const added = itemsFromTemplates(mergeTemplates(templates), pai.validFrom).filter((item) => !pai.items.some((i) => i.code === item.code));
  return { ...pai, items: [...pai.items, ...added] };
}
