import { factsOfParsed, parseCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { birthDateProblem, isIsoDate } from '../../shared/domain/dates';
import { isKnownPathologyCode, suggestPathologies } from '../../shared/domain/pathology';
import { AppError } from '../../shared/errors';
import type { LetterRow, PathologyRow, PatientFields, StoredPatient, TherapyRow } from '../store/importStore';
import type { ImportedPatient } from './adapter';
import { suggestPathologiesFromIcd10 } from './files/icd10';

/** A stored patient with what the import may add to. */
export interface ExistingPatient extends StoredPatient {
  pathologyCodes: number[];
  letters: LetterRow[];
  therapies: string[];
  exemptions: string[];
}

export interface Additions {
  pathologies: PathologyRow[];
  letter: LetterRow | null;
  therapies: TherapyRow[];
  exemptions: string[];
}

export type Plan =
  | ({ kind: 'create'; codiceFiscale: string; fields: PatientFields } & Additions)
  | ({ kind: 'update'; codiceFiscale: string; patientId: number; fields: Partial<PatientFields>; before: Partial<PatientFields> } & Additions)
  | { kind: 'unchanged'; codiceFiscale: string }
  | { kind: 'reject'; reason: string };

const clean = (v: string | null | undefined) => {
  const t = v?.trim();
  return t ? t : null;
};

/**
 * What importing `incoming` means for the store, decided without touching it: a new patient, an
 * update (with the previous values kept for undo), nothing, or a reject with its Italian reason.
 * Fields the source leaves empty never erase what the studio already has.
 */
export function planRecord(incoming: ImportedPatient, existing: ExistingPatient | null, today: string): Plan {
  let cf: string;
  try {
    cf = parseCodiceFiscale(incoming.codiceFiscale ?? '');
  } catch (err) {
    return { kind: 'reject', reason: `Codice fiscale "${incoming.codiceFiscale ?? ''}" non valido: ${(err as AppError).userMessage}` };
  }
  const facts = factsOfParsed(cf, today);
  const birthDate = clean(incoming.birthDate);
  if (birthDate !== null && !isIsoDate(birthDate)) return { kind: 'reject', reason: `Data di nascita "${birthDate}" non valida.` };
  const impossible = birthDate === null ? null : birthDateProblem(birthDate, today);
  if (impossible) return { kind: 'reject', reason: impossible.it };
  if (incoming.sex && incoming.sex !== facts.sex) return { kind: 'reject', reason: 'Il sesso indicato non corrisponde al codice fiscale.' };
  if (birthDate && birthDate.slice(2) !== facts.birthDate.slice(2)) {
    return { kind: 'reject', reason: 'La data di nascita indicata non corrisponde al codice fiscale.' };
  }
  const level = incoming.chronicLevel ?? null;
  if (level !== null && ![1, 2, 3].includes(level)) return { kind: 'reject', reason: `Livello di cronicità "${level}" non valido (1, 2 o 3).` };

  const surname = clean(incoming.surname);
  const givenName = clean(incoming.givenName);
  const wanted: Partial<PatientFields> = {
    ...(surname && { surname }),
    ...(givenName && { givenName }),
    ...(birthDate && { birthDate }),
    ...(incoming.sex && { sex: incoming.sex }),
    ...(clean(incoming.phone) && { phone: clean(incoming.phone) }),
    ...(clean(incoming.mobile) && { mobile: clean(incoming.mobile) }),
    ...(clean(incoming.email) && { email: clean(incoming.email) }),
    // A level the MMG confirmed is his decision: a list never changes it.
    ...(level !== null && !existing?.chronicLevelConfirmed && { chronicLevel: level }),
  };
  const additions = additionsFor(incoming, existing);

  if (!existing) {
    if (!surname || !givenName) return { kind: 'reject', reason: 'Cognome o nome mancante per un paziente non ancora in archivio.' };
    return {
      kind: 'create',
      codiceFiscale: cf,
      fields: {
        codiceFiscale: cf,
        surname,
        givenName,
        birthDate: birthDate ?? facts.birthDate,
        sex: incoming.sex ?? facts.sex,
        phone: wanted.phone ?? null,
        mobile: wanted.mobile ?? null,
        email: wanted.email ?? null,
        chronicLevel: level,
      },
      ...additions,
    };
  }

  const fields: Partial<PatientFields> = {};
  const before: Partial<PatientFields> = {};
  for (const [key, value] of Object.entries(wanted) as [keyof PatientFields, never][]) {
    if (existing[key] !== value) {
      fields[key] = value;
      before[key] = existing[key] as never;
    }
  }
  const nothingAdded = additions.pathologies.length === 0 && !additions.letter && additions.therapies.length === 0 && additions.exemptions.length === 0;
  if (Object.keys(fields).length === 0 && nothingAdded) return { kind: 'unchanged', codiceFiscale: cf };
  return { kind: 'update', codiceFiscale: cf, patientId: existing.id, fields, before, ...additions };
}

function additionsFor(incoming: ImportedPatient, existing: ExistingPatient | null): Additions {
  // Plain arrays: a patient has a handful of each, and imports run this for every row.
  const has = existing ? [...existing.pathologyCodes] : [];
  const pathologies: PathologyRow[] = [];
  for (const code of incoming.pathologies ?? []) {
    if (isKnownPathologyCode(code) && !has.includes(code)) {
      has.push(code);
      pathologies.push({ code, source: 'ats', icd9: null });
    }
  }
  const problems = incoming.problems ?? [];
  const codes = (key: 'icd9' | 'icd10') => problems.map((p) => p[key]).filter((c): c is string => !!c);
  const suggested =
    problems.length === 0
      ? []
      : [
          ...suggestPathologies(codes('icd9')).map((s) => ({ code: s.code, source: 'icd9' as const, icd9: s.icd9 })),
          ...suggestPathologiesFromIcd10(codes('icd10')).map((s) => ({ code: s.code, source: 'icd10' as const, icd9: s.icd10 })),
        ];
  for (const s of suggested) {
    if (!has.includes(s.code)) {
      has.push(s.code);
      pathologies.push(s);
    }
  }
  // A letter without its date stays undated (never the import's day): its type still ranks the call list.
  const l = incoming.letter;
  const letterDate = l?.date && isIsoDate(l.date) ? l.date : null;
  const letter = l && !(existing?.letters ?? []).some((e) => e.type === l.type) ? { type: l.type, trancheDate: letterDate } : null;
  const therapiesHad = existing ? [...existing.therapies] : [];
  const therapies: TherapyRow[] = [];
  for (const t of incoming.therapies ?? []) {
    const description = t.description.trim();
    if (description && !therapiesHad.includes(description)) {
      therapiesHad.push(description);
      therapies.push({ description, atc: clean(t.atc) });
    }
  }
  const exemptions: string[] = [];
  for (const raw of incoming.exemptions ?? []) {
    const e = raw.trim();
    if (e && !exemptions.includes(e) && !(existing?.exemptions ?? []).includes(e)) exemptions.push(e);
  }
  return { pathologies, letter, therapies, exemptions };
}
