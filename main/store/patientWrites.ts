import type { Outbox } from './outbox';
import type { Database } from './sqlite';
import type { ChronicLevel } from '../../shared/domain/chronicLevel';
import type { LetterType } from '../../shared/domain/letter';
import type { PathologySource } from '../../shared/domain/pathology';
import { nameKey, type Sex } from '../../shared/domain/patient';
import { NotFoundError } from '../../shared/errors';

/**
 * The one place that writes the `patients` table (and the letters and pathologies that come with a
 * patient): the services, the demo seed and the import engine all go through here, so that the
 * search keys and the update time are always kept the same way. Prepared statements, because the
 * import takes 100,000 rows at a time through them.
 */

export interface PatientRowFields {
  codiceFiscale: string;
  surname: string;
  givenName: string;
  birthDate: string;
  sex: Sex;
  birthPlaceCode: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  chronicLevel: ChronicLevel | null;
  preferredCallTime: string | null;
}

export interface LetterRowFields {
  type: LetterType;
  trancheDate: string | null;
  receivedAt: string | null;
  note: string | null;
}

export interface PathologyRowFields {
  code: number;
  source: PathologySource;
  confirmed: boolean;
  icd9: string | null;
}

const COLUMN: Record<keyof PatientRowFields, string> = {
  codiceFiscale: 'codice_fiscale',
  surname: 'surname',
  givenName: 'given_name',
  birthDate: 'birth_date',
  sex: 'sex',
  birthPlaceCode: 'birth_place_code',
  phone: 'phone',
  mobile: 'mobile',
  email: 'email',
  chronicLevel: 'chronic_level',
  preferredCallTime: 'preferred_call_time',
};

export class PatientWrites {
  private readonly s;
  private readonly updates = new Map<string, Database.Statement>();

  /** `now`: the app's clock, so that "changed after" questions (contacts after a call) hold in a demo's day too. */
  constructor(
    private readonly sqlite: Database.Database,
    private readonly now: () => string,
    private readonly outbox: Outbox,
  ) {
    const p = (sql: string) => sqlite.prepare(sql);
    this.s = {
      insert: p(`INSERT INTO patients (codice_fiscale, surname, given_name, surname_key, given_key, birth_date, sex, birth_place_code, phone, mobile, email,
                   chronic_level, preferred_call_time, import_run_id, created_at, updated_at)
                 VALUES (@codiceFiscale, @surname, @givenName, @surnameKey, @givenKey, @birthDate, @sex, @birthPlaceCode, @phone, @mobile, @email,
                   @chronicLevel, @preferredCallTime, @importRunId, @now, @now)
                 ON CONFLICT (codice_fiscale) DO NOTHING`),
      delete: p('DELETE FROM patients WHERE id = ?'),
      insertLetter: p('INSERT INTO letters (patient_id, type, tranche_date, received_at, note) VALUES (?, ?, ?, ?, ?)'),
      insertPathology: p('INSERT OR IGNORE INTO patient_pathologies (patient_id, code, source, confirmed, icd9) VALUES (?, ?, ?, ?, ?)'),
      receiveLetter: p(`UPDATE letters SET received_at = @receivedAt, tranche_date = coalesce(@trancheDate, tranche_date), note = coalesce(@note, note)
                        WHERE id = (SELECT id FROM letters WHERE patient_id = @patientId AND type = @type AND received_at IS NULL ORDER BY id DESC LIMIT 1)
                        RETURNING id`).pluck(),
      pathologyCodes: p('SELECT code FROM patient_pathologies WHERE patient_id = ?').pluck(),
      pathologyConfirmations: p('SELECT code, confirmed FROM patient_pathologies WHERE patient_id = ?'),
      setPathologyConfirmed: p('UPDATE patient_pathologies SET confirmed = ? WHERE patient_id = ? AND code = ?'),
      updateLetter: p('UPDATE letters SET received_at = ?, note = ? WHERE id = ?'),
      deletePathology: p('DELETE FROM patient_pathologies WHERE patient_id = ? AND code = ?'),
      confirmPathologies: p('UPDATE patient_pathologies SET confirmed = 1 WHERE patient_id = ?'),
      confirmLevel: p('UPDATE patients SET chronic_level_confirmed = 1 WHERE id = ?'),
      touch: p('UPDATE patients SET updated_at = @now WHERE id = @id'),
    };
  }

  /** A new patient; null when the codice fiscale is already stored (nothing written). `importRunId`: the run that creates him. */
  insert(p: PatientRowFields, importRunId: number | null = null): number | null {
    const r = this.s.insert.run({ ...p, surnameKey: nameKey(p.surname), givenKey: nameKey(p.givenName), importRunId, now: this.now() });
    return r.changes === 0 ? null : Number(r.lastInsertRowid);
  }

  /** Changes the given fields (undefined ones are left as they are); the search keys follow the names. */
  update(id: number, fields: Partial<PatientRowFields>): void {
    const names = (Object.keys(fields) as (keyof PatientRowFields)[]).filter((k) => fields[k] !== undefined).sort();
    if (names.length === 0) return;
    const r = this.updateStatement(names).run({
      ...Object.fromEntries(names.map((k) => [k, fields[k]])),
      surnameKey: fields.surname === undefined ? null : nameKey(fields.surname),
      givenKey: fields.givenName === undefined ? null : nameKey(fields.givenName),
      now: this.now(),
      id,
    });
    if (r.changes === 0) throw new NotFoundError('patient', 'Paziente', id);
    this.outbox.enqueuePatient(id);
  }

  delete(id: number): number {
    return this.s.delete.run(id).changes;
  }

  /** A letter brought to the studio goes to the Centro Servizi; one only announced by the ATS list does not. */
  addLetter(patientId: number, l: LetterRowFields): number {
    const id = Number(this.s.insertLetter.run(patientId, l.type, l.trancheDate, l.receivedAt, l.note).lastInsertRowid);
    if (l.receivedAt !== null) this.outbox.enqueue('letter', id, patientId);
    return id;
  }

  /**
   * The patient brought his letter: the same letter the ATS list announced (same type, not yet
   * brought) is marked as received, with the date printed on it; another letter is added.
   */
  receiveLetter(patientId: number, l: LetterRowFields & { receivedAt: string }): void {
    const id = this.s.receiveLetter.get({ patientId, type: l.type, trancheDate: l.trancheDate, receivedAt: l.receivedAt, note: l.note }) as number | undefined;
    if (id === undefined) this.addLetter(patientId, l);
    else this.outbox.enqueue('letter', id, patientId);
  }

  /** A letter's delivery and note, as recorded elsewhere (the sync): the letter is the same, type and date. */
  updateLetter(id: number, l: Pick<LetterRowFields, 'receivedAt' | 'note'>): void {
    this.s.updateLetter.run(l.receivedAt, l.note, id);
  }

  /** Adds the pathology unless the patient already has that code. */
  addPathology(patientId: number, d: PathologyRowFields): void {
    this.s.insertPathology.run(patientId, d.code, d.source, d.confirmed ? 1 : 0, d.icd9);
  }

  /** The MMG's decision on the level: set, and marked confirmed. */
  confirmLevel(id: number, level: ChronicLevel | null): void {
    this.update(id, { chronicLevel: level });
    this.s.confirmLevel.run(id);
  }

  /**
   * The MMG's list of pathologies: those kept are confirmed, those added are his ('mmg'), those
   * left out are removed. Returns what changed.
   */
  setPathologies(patientId: number, codes: readonly number[]): { added: number[]; removed: number[] } {
    const had = this.s.pathologyCodes.all(patientId) as number[];
    const removed = had.filter((c) => !codes.includes(c));
    const added = codes.filter((c) => !had.includes(c));
    for (const c of removed) this.s.deletePathology.run(patientId, c);
    for (const c of added) this.addPathology(patientId, { code: c, source: 'mmg', confirmed: true, icd9: null });
    this.s.confirmPathologies.run(patientId);
    this.s.touch.run({ id: patientId, now: this.now() });
    this.outbox.enqueuePatient(patientId);
    return { added, removed };
  }

  /**
   * The pathologies as another workstation has them (the sync): codes left out are removed, the
   * others take its confirmation, and a new code comes with the source given for it (a code kept
   * keeps its own). Writes nothing, not even the update time, when nothing differs.
   */
  replacePathologies(patientId: number, wanted: readonly PathologyRowFields[]): { added: number[]; removed: number[]; confirmation: number[] } {
    const had = new Map((this.s.pathologyConfirmations.all(patientId) as { code: number; confirmed: number }[]).map((r) => [r.code, r.confirmed === 1]));
    const removed = [...had.keys()].filter((c) => !wanted.some((w) => w.code === c));
    const added = wanted.filter((w) => !had.has(w.code));
    const confirmation = wanted.filter((w) => had.has(w.code) && had.get(w.code) !== w.confirmed);
    for (const c of removed) this.s.deletePathology.run(patientId, c);
    for (const d of added) this.addPathology(patientId, d);
    for (const d of confirmation) this.s.setPathologyConfirmed.run(d.confirmed ? 1 : 0, patientId, d.code);
    if (removed.length + added.length + confirmation.length > 0) this.s.touch.run({ id: patientId, now: this.now() });
    return { added: added.map((d) => d.code), removed, confirmation: confirmation.map((d) => d.code) };
  }

  /** One statement per set of fields, kept: an import updates the same few fields again and again. */
  private updateStatement(names: (keyof PatientRowFields)[]): Database.Statement {
    const key = names.join(',');
    let statement = this.updates.get(key);
    if (!statement) {
      const assignments = names.map((k) => `${COLUMN[k]} = @${k}`);
      if (names.includes('surname')) assignments.push('surname_key = @surnameKey');
      if (names.includes('givenName')) assignments.push('given_key = @givenKey');
      statement = this.sqlite.prepare(`UPDATE patients SET ${assignments.join(', ')}, updated_at = @now WHERE id = @id`);
      this.updates.set(key, statement);
    }
    return statement;
  }
}
