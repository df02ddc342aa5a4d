import { AppError } from '../../errors';
import type { ChronicLevel } from '../chronicLevel';
import { paiValidTo, type Pai, type PaiPathology, type PaiRef } from './model';

/**
 * How PAI drafts come to be. A patient has one PAI a year: a first draft when there is none, a
 * new version of the active one when it must change (activating it supersedes the old one), and
 * the next year's renewal (renewal.ts). Versions of a year are numbered from 1.
 */

export class PaiVersionError extends AppError {}

/** The year's draft or active PAI, which a new draft of that year would compete with. */
function liveOfYear(existing: readonly PaiRef[], patientId: number, year: number): PaiRef | undefined {
  return existing.find((p) => p.patientId === patientId && p.year === year && (p.status === 'draft' || p.status === 'active'));
}

/** The number the next version of the year takes. */
export function nextVersion(existing: readonly PaiRef[], patientId: number, year: number): number {
  return Math.max(0, ...existing.filter((p) => p.patientId === patientId && p.year === year).map((p) => p.version)) + 1;
}

/** Refuses a second draft of a year, or a first draft next to an active PAI of that year. */
export function assertYearFree(existing: readonly PaiRef[], patientId: number, year: number): void {
  const live = liveOfYear(existing, patientId, year);
  if (!live) return;
  throw new PaiVersionError(
    'pai-year-taken',
    `patient ${patientId} already has a ${live.status} PAI for ${year}`,
    live.status === 'draft'
      ? `Esiste già una bozza del PAI ${year}: continuare quella.`
      : `Il PAI ${year} è già attivo: per cambiarlo crearne una nuova versione.`,
  );
}

export interface NewPaiInput {
  patientId: number;
  validFrom: string;
  chronicLevel: ChronicLevel;
  authorCf: string;
  pathologies: PaiPathology[];
}

/** A first draft for the year `validFrom` falls in, empty but for who and what it is about. */
export function newPaiDraft(input: NewPaiInput, existing: readonly PaiRef[], today: string): Pai {
  const year = Number(input.validFrom.slice(0, 4));
  assertYearFree(existing, input.patientId, year);
  return {
    patientId: input.patientId,
    year,
    version: nextVersion(existing, input.patientId, year),
    status: 'draft',
    chronicLevel: input.chronicLevel,
    authorCf: input.authorCf,
    validFrom: input.validFrom,
    validTo: paiValidTo(input.validFrom),
    createdOn: today,
    activatedOn: null,
    closedOn: null,
    cancelReason: null,
    pathologies: input.pathologies,
    items: [],
    drugs: [],
    lifestyle: [],
    vaccinations: [],
  };
}

/**
 * A draft of the next version of an active PAI, to change it: same year and validity, same
 * content until edited. The active one stays in force until the new version is activated.
 */
export function revisePai(active: Pai, existing: readonly PaiRef[], today: string): Pai {
  if (active.status !== 'active') {
    throw new PaiVersionError('pai-not-active', `only an active PAI gets a new version (this one is ${active.status})`, 'Si crea una nuova versione solo di un PAI attivo.');
  }
  const draft = existing.find((p) => p.patientId === active.patientId && p.year === active.year && p.status === 'draft');
  if (draft) throw new PaiVersionError('pai-year-taken', `a draft of ${active.year} exists`, `Esiste già una bozza della nuova versione del PAI ${active.year}: continuare quella.`);
  return {
    ...active,
    version: nextVersion([...existing, active], active.patientId, active.year),
    status: 'draft',
    createdOn: today,
    activatedOn: null,
    closedOn: null,
    cancelReason: null,
  };
}

/**
 * A draft moved to start on `validFrom` (one not activated in time must start again): 12 months
 * from then, and the items that started earlier start that day. The year stays the draft's.
 */
export function moveStart(draft: Pai, validFrom: string): Pai {
  return {
    ...draft,
    validFrom,
    validTo: paiValidTo(validFrom),
    items: draft.items.map((item) =>
      item.timing.bounds.start < validFrom ? { ...item, timing: { ...item.timing, bounds: { ...item.timing.bounds, start: validFrom } } } : item,
    ),
  };
}
