import { z } from 'zod';
import { MMG_ONLY, STAFF } from '../domain/access';
import { IsoDate } from '../domain/dates';
import { PAI_SECTIONS } from '../domain/pai/completeness';
import { ChronicDrug, LifestyleGoal, Pai, PaiItem, PaiPathology, Vaccination } from '../domain/pai/model';
import { ChronicLevel } from '../domain/chronicLevel';
import { Id } from './fields';

/** The PAI: drafts from templates, the MMG's edits and activation, versions, renewal, the schedule. */

const TemplateIds = z.array(z.string().regex(/^[a-z0-9-]+$/, 'Modello di PAI non riconosciuto.')).max(11);

export const PaiIssueView = z.object({ code: z.string(), path: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) });

export const ScheduledOccurrence = z.object({
  code: z.string(),
  description: z.string(),
  date: IsoDate,
  windowStart: IsoDate,
  windowEnd: IsoDate,
  state: z.enum(['upcoming', 'open', 'overdue']),
  daysLeft: z.number().int(),
});

export const PaiView = z.object({
  id: Id,
  pai: Pai,
  completeness: z.object({ sections: z.record(z.enum(PAI_SECTIONS), z.boolean()), missing: z.array(z.enum(PAI_SECTIONS)), percent: z.number().int() }),
  /** Errors block activation; warnings (a code outside the catalogue) are shown. */
  issues: z.array(PaiIssueView),
  schedule: z.array(ScheduledOccurrence),
  /** Prescriptions are valid 6 months: the year's occurrences in the first and the second batch. */
  batches: z.array(z.object({ batch: z.union([z.literal(1), z.literal(2)]), from: IsoDate, to: IsoDate, lines: z.array(z.object({ code: z.string(), description: z.string(), dates: z.array(IsoDate) })) })),
  renewalDue: z.boolean(),
});
export type PaiView = z.infer<typeof PaiView>;

/** What the MMG may change in a draft: each section given replaces the draft's. */
export const PaiDraftChanges = z.object({
  plan: z
    .object({
      chronicLevel: ChronicLevel.optional(),
      pathologies: z.array(PaiPathology).max(65).optional(),
      items: z.array(PaiItem).max(200).optional(),
      drugs: z.array(ChronicDrug).max(100).optional(),
      lifestyle: z.array(LifestyleGoal).max(50).optional(),
      vaccinations: z.array(Vaccination).max(50).optional(),
    })
    .optional(),
  /** Moves the draft's start (a late draft starts today): the validity and the items' first dates follow. */
  validFrom: IsoDate.optional(),
  /** Templates whose prestazioni are added where missing. */
  templates: TemplateIds.optional(),
});
export type PaiDraftChanges = z.infer<typeof PaiDraftChanges>;

export const TemplateView = z.object({
  id: z.string(),
  name: z.string(),
  pathologyCodes: z.array(z.number().int()),
  items: z.array(z.object({ code: z.string(), description: z.string(), cadence: z.string() })),
});

export const CatalogueEntryView = z.object({ code: z.string(), description: z.string() });

/** One due occurrence of a studio's active PAIs: `id` is what a booking request names. */
export const DueItem = ScheduledOccurrence.extend({
  id: Id,
  patientId: Id,
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
});
export type DueItem = z.infer<typeof DueItem>;

/** A printable PDF: the PAI for the patient, a booking sheet. */
export const PlanDocument = z.object({ fileName: z.string(), hash: z.string(), base64: z.string() });
export type PlanDocument = z.infer<typeof PlanDocument>;

export const paiCalls = {
  /** The patient's PAI versions (newest first) and the one to show: the draft, else the one in force. */
  'pai.show': { access: STAFF, input: z.object({ patientId: Id }), output: z.object({ current: PaiView.nullable(), versions: z.array(PaiView) }) },
  /** A first draft of the year for an enrolled patient from templates (none: an empty draft). */
  'pai.create': { access: MMG_ONLY, input: z.object({ patientId: Id, templates: TemplateIds, validFrom: IsoDate.optional() }), output: PaiView },
  'pai.update': { access: MMG_ONLY, input: z.object({ id: Id, changes: PaiDraftChanges }), output: PaiView },
  /** Only the MMG activates; needs a primary pathology, a prestazione and a lifestyle goal. */
  'pai.activate': { access: MMG_ONLY, input: z.object({ id: Id }), output: PaiView },
  /** A draft of the next version of an active PAI. */
  'pai.revise': { access: MMG_ONLY, input: z.object({ id: Id }), output: PaiView },
  /** Next year's draft, pre-filled from this PAI. */
  'pai.renew': { access: MMG_ONLY, input: z.object({ id: Id }), output: PaiView.extend({ carriedOver: z.array(z.string()), ended: z.array(z.string()) }) },
  'pai.cancel': { access: MMG_ONLY, input: z.object({ id: Id, reason: z.string().trim().min(1, 'Indicare il motivo dell\'annullamento.').max(500) }), output: PaiView },
  /** The PAI as a PDF for the patient (both copies, to sign), in plain Italian beside the codes. */
  'pai.document': { access: STAFF, input: z.object({ id: Id }), output: PlanDocument },
  /** The 11 templates of the first application: defaults a clinician reviews. */
  'pai.templates': { access: STAFF, input: z.object({}), output: z.object({ templates: z.array(TemplateView) }) },
  /** Catalogue entries whose code starts with, or whose description contains, the text. */
  'pai.catalogue': { access: STAFF, input: z.object({ query: z.string().trim().min(1).max(100) }), output: z.object({ entries: z.array(CatalogueEntryView) }) },
  /** The studio's due occurrences: windows open, opening within `withinDays`, or closed with nothing done. */
  'schedule.due': { access: STAFF, input: z.object({ withinDays: z.number().int().min(0).max(366) }), output: z.object({ items: z.array(DueItem) }) },
} as const;

export const paiEvents = {
  /** A patient's PAI changed (created, edited, activated, expired). */
  'pai.changed': z.object({ patientId: Id }),
} as const;
