import { privacyAllowsEnrollment, type ConsentKind, type EnrollmentState, type PrivacyChoices } from '../../shared/domain/enrollment';
import {
  clockEvent,
  LOCKED_HERE,
  newCandidate,
  transition,
  type EnrollmentEvent,
  type EnrollmentSnapshot,
} from '../../shared/domain/enrollmentMachine';
import { type EnrollmentView, type GeneratedDocument } from '../../shared/contract/enrollment';
import { StudioSettings } from '../../shared/contract/settings';
import { AppError, NotFoundError } from '../../shared/errors';
import type { CardSession } from '../cards/cardSession';
import { todayIn, type Clock } from '../clock';
import type { EventHub } from '../events';
import { createLogger } from '../log';
import type { EnrollmentRow } from '../store/enrollmentStore';
import type { Store } from '../store/store';
import type { DocumentService } from './documentService';

const log = createLogger('enrollment');
export const STUDIO_SETTINGS_KEY = 'studio';

export class CardMismatchError extends AppError {
  constructor(cardCf: string, patientCf: string) {
    super('card-mismatch', `card holder ${cardCf} is not patient ${patientCf}`, `La Tessera Sanitaria inserita (${cardCf}) non è di questo paziente (${patientCf}).`);
  }
}

export class AlreadyRegisteredError extends AppError {
  constructor(state: EnrollmentState) {
    super('already-registered', `patient already ${state} with this Gestore`, 'Il paziente è già registrato o arruolato presso questo Gestore.');
  }
}

export class AlreadyLockedError extends AppError {
  constructor(gestore: string | null) {
    super('already-locked', `patient locked by another Gestore (${gestore ?? 'unknown'})`, `Il paziente è già in carico a un altro Gestore${gestore ? ` (${gestore})` : ''}: non è arruolabile.`);
  }
}

export class StudioNotConfiguredError extends AppError {
  constructor() {
    super('studio-not-configured', 'studio settings (gestore, MMG) missing', 'Inserire prima i dati dello studio (Gestore e medico) in Impostazioni.');
  }
}

const DOCUMENT_NAME: Record<ConsentKind, string> = { patto_di_cura: 'il Patto di Cura', privacy: "l'informativa privacy" };

export class DocumentNotGeneratedError extends AppError {
  constructor(kind: ConsentKind) {
    super('document-not-generated', `${kind} not generated yet`, `Generare prima ${DOCUMENT_NAME[kind]} con «Stampa».`);
  }
}

export class ConsentNotSignedError extends AppError {
  constructor(kind: ConsentKind) {
    super('consent-not-signed', `${kind} not signed yet`, `Registrare prima la firma: la scansione si allega alla copia firmata (${DOCUMENT_NAME[kind]}).`);
  }
}

export class PrivacyChoicesMissingError extends AppError {
  constructor() {
    super('privacy-choices-missing', 'privacy signed without its three answers', 'Indicare le tre risposte del modulo privacy (acconsento / non acconsento), come barrate dal paziente.');
  }
}

export class PrivacyConsentRefusedError extends AppError {
  constructor() {
    super(
      'privacy-consent-refused',
      'privacy form without consent to processing or communication',
      'Senza il consenso al trattamento dei dati (1) e alla loro comunicazione (2) la presa in carico non può essere attivata. Se il paziente non acconsente, revocare la registrazione indicandone il motivo.',
    );
  }
}

/**
 * The enrollment workflow's writes. Each one changes the enrollment, appends its audit entry and
 * enqueues its outbox items in one transaction; the rules come from shared/domain.
 */
export class EnrollmentService {
  constructor(
    private readonly store: Store,
    private readonly session: CardSession,
    private readonly documents: DocumentService,
    private readonly events: EventHub,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return todayIn(this.clock);
  }

  private operatorCf(): string | null {
    return this.session.operator?.codiceFiscale ?? null;
  }

  studio(): StudioSettings | null {
    return this.store.settings.get(STUDIO_SETTINGS_KEY, StudioSettings);
  }

  setStudio(settings: StudioSettings, operatorCf: string | null): StudioSettings {
    this.store.transaction(() => {
      this.store.settings.set(STUDIO_SETTINGS_KEY, settings);
      this.store.audit.append({ operatorCf, action: 'settings.studio', entity: 'settings', entityId: STUDIO_SETTINGS_KEY, detail: settings });
    });
    return settings;
  }

  get(patientId: number): EnrollmentView | null {
    this.applyClock();
    const row = this.store.enrollments.current(patientId);
    return row ? this.view(row.id) : null;
  }

  list(state?: EnrollmentState): EnrollmentView[] {
    this.applyClock();
    const states: EnrollmentState[] = state ? [state] : ['registered', 'enrolled', 'renewal_due', 'renewed', 'lapsed', 'candidate'];
    return this.store.enrollments.latestInStates(states).map((r) => this.view(r.id));
  }

  /** Makes the patient a candidate (letter or ATS list) unless an enrollment is already open. */
  ensureCandidate(patientId: number): void {
    if (this.store.enrollments.current(patientId)) return;
    this.store.enrollments.insert(patientId, newCandidate(), Number(this.today().slice(0, 4)));
  }

  /**
   * Registration ("inserimento"): legal only with the operator's card (PIN verified) and the
   * patient's valid Tessera Sanitaria in the readers at this moment. Both cards are checked live
   * before the write and their presence again as the last step of the transaction: a card pulled
   * at any point leaves nothing written.
   */
  async register(patientId: number): Promise<EnrollmentView> {
    const patient = this.store.patients.get(patientId);
    const studio = this.studio();
    if (!studio) throw new StudioNotConfiguredError();
    const authorization = this.session.authorize();
    try {
      if (authorization.patient.codiceFiscale !== patient.codiceFiscale) {
        throw new CardMismatchError(authorization.patient.codiceFiscale, patient.codiceFiscale);
      }
      await this.session.confirmCardsPresent(authorization);
      const today = this.today();
      const id = this.store.transaction(() => {
        authorization.assertValid();
        const current = this.store.enrollments.current(patientId);
        const before = current?.snapshot ?? newCandidate();
        if (LOCKED_HERE.includes(before.state)) throw new AlreadyRegisteredError(before.state);
        if (before.state === 'locked_elsewhere') throw new AlreadyLockedError(before.otherGestore);
        const after = transition(before, { type: 'register' }, today);
        const year = Number(today.slice(0, 4));
        const extra = { gestore: studio.gestore, evidence: authorization.evidence };
        let enrollmentId: number;
        if (current) {
          this.store.enrollments.update(current.id, after, extra);
          enrollmentId = current.id;
        } else {
          enrollmentId = this.store.enrollments.insert(patientId, after, year, extra);
        }
        this.store.audit.append({
          operatorCf: authorization.evidence.operatorCodiceFiscale,
          action: 'enrollment.register',
          entity: 'patient',
          entityId: patientId,
          detail: { enrollmentId, deadline: after.deadline, evidence: authorization.evidence },
        });
        this.store.outbox.enqueue('enrollment', enrollmentId, patientId);
        // The last statement before COMMIT: a card pulled during the writes undoes them all.
        authorization.assertValid();
        return enrollmentId;
      });
      log.info('patient registered', { patientId, enrollmentId: id, operator: authorization.evidence.operatorCodiceFiscale });
      this.changed(patientId);
      return this.view(id);
    } finally {
      this.session.release(authorization);
    }
  }

  /**
   * The PDF of one document, saved in the data folder: before its signature the one to sign
   * (its hash recorded), after it a copy with the recorded answers ticked (the signed hash kept).
   * Nothing is marked printed here: the user confirms the print (printed).
   */
  async document(enrollmentId: number, kind: ConsentKind): Promise<GeneratedDocument> {
    const row = this.requireRow(enrollmentId);
    const studio = this.studio();
    if (!studio) throw new StudioNotConfiguredError();
    const patient = this.store.patients.get(row.patientId);
    const consent = this.consent(enrollmentId, kind);
    const copy = consent?.signedAt != null;
    const doc = await this.documents.render(kind, {
      enrollmentId,
      date: row.snapshot.registeredOn ?? this.today(),
      patient: { surname: patient.surname, givenName: patient.givenName, codiceFiscale: patient.codiceFiscale, birthDate: patient.birthDate },
      studio,
      choices: copy ? (consent?.choices ?? undefined) : undefined,
    });
    this.store.transaction(() => {
      if (!copy) this.store.enrollments.recordGenerated(enrollmentId, kind, doc.hash);
      this.store.audit.append({ operatorCf: this.operatorCf(), action: copy ? 'document.copy' : 'document.generate', entity: 'patient', entityId: row.patientId, detail: { enrollmentId, kind, hash: doc.hash, file: doc.fileName } });
    });
    this.changed(row.patientId);
    return { ...doc, copy };
  }

  /** The user says the document came out of the printer: only then is it "stampato". */
  printed(enrollmentId: number, kind: ConsentKind): EnrollmentView {
    const row = this.requireRow(enrollmentId);
    const consent = this.consent(enrollmentId, kind);
    if (!consent?.documentHash) throw new DocumentNotGeneratedError(kind);
    this.store.transaction(() => {
      this.store.enrollments.recordPrinted(enrollmentId, kind, this.clock.now().toISOString());
      this.store.audit.append({ operatorCf: this.operatorCf(), action: 'document.print', entity: 'patient', entityId: row.patientId, detail: { enrollmentId, kind, hash: consent.documentHash, copy: consent.signedAt !== null } });
    });
    this.changed(row.patientId);
    return this.view(enrollmentId);
  }

  /**
   * Marks the signed paper copies, with the privacy form's three answers. Both the Patto di Cura
   * and the privacy consent signed, before the deadline, is what completes the enrollment; a
   * privacy form without consent to processing and communication cannot.
   */
  async sign(enrollmentId: number, which: { patto: boolean; privacy: boolean; privacyChoices?: PrivacyChoices }): Promise<EnrollmentView> {
    this.applyClock();
    const row = this.requireRow(enrollmentId);
    const kinds = (['patto_di_cura', 'privacy'] as const).filter((k) => (k === 'patto_di_cura' ? which.patto : which.privacy));
    if (kinds.length === 0) throw new AppError('nothing-to-sign', 'no document selected', 'Indicare quali documenti sono stati firmati.');
    if (which.privacy) {
      if (!which.privacyChoices) throw new PrivacyChoicesMissingError();
      if (!privacyAllowsEnrollment(which.privacyChoices)) throw new PrivacyConsentRefusedError();
    }
    if (row.snapshot.state !== 'registered') transition(row.snapshot, { type: 'sign' }, this.today());
    // What was signed is what was generated: generate now any document the patient signed on another print.
    for (const kind of kinds) {
      if (!this.consent(enrollmentId, kind)?.documentHash) await this.document(enrollmentId, kind);
    }
    this.store.transaction(() => {
      const now = this.clock.now().toISOString();
      const current = this.requireRow(enrollmentId);
      for (const kind of kinds) {
        const choices = kind === 'privacy' ? (which.privacyChoices ?? null) : null;
        this.store.enrollments.recordSigned(enrollmentId, kind, now, this.operatorCf(), choices);
        this.store.audit.append({ operatorCf: this.operatorCf(), action: 'enrollment.sign', entity: 'patient', entityId: row.patientId, detail: { enrollmentId, kind, ...(choices ? { choices } : {}) } });
      }
      const consents = this.store.enrollments.consentsOf(enrollmentId);
      if (consents.every((c) => c.signedAt !== null)) {
        const after = transition(current.snapshot, { type: 'sign' }, this.today());
        this.store.enrollments.update(enrollmentId, after);
        this.store.audit.append({ operatorCf: this.operatorCf(), action: 'enrollment.enrolled', entity: 'patient', entityId: row.patientId, detail: { enrollmentId, periodEnd: after.periodEnd } });
        this.store.outbox.enqueue('enrollment', enrollmentId, row.patientId);
        for (const c of consents) if (c.id !== null) this.store.outbox.enqueue('consent', c.id, row.patientId);
      }
    });
    this.changed(row.patientId);
    return this.view(enrollmentId);
  }

  /** Keeps a scan of a signed copy with its consent: the file and its record, or neither. */
  attachScan(enrollmentId: number, kind: ConsentKind, fileName: string, bytes: Uint8Array): EnrollmentView {
    const row = this.requireRow(enrollmentId);
    if (!this.consent(enrollmentId, kind)?.signedAt) throw new ConsentNotSignedError(kind);
    const stored = this.documents.storeScan(enrollmentId, kind, bytes);
    try {
      this.store.transaction(() => {
        const addedAt = this.clock.now().toISOString();
        const id = this.store.enrollments.addScan(enrollmentId, kind, { fileName, ...stored, addedAt, operatorCf: this.operatorCf() });
        this.store.audit.append({ operatorCf: this.operatorCf(), action: 'document.scan', entity: 'patient', entityId: row.patientId, detail: { enrollmentId, kind, scanId: id, fileName, sha256: stored.sha256, bytes: stored.bytes } });
      });
    } catch (e) {
      if (!this.store.enrollments.consentsOf(enrollmentId).some((c) => c.scans.some((s) => s.storedAs === stored.storedAs))) this.documents.discardScan(stored.storedAs);
      throw e;
    }
    log.info('scan attached', { enrollmentId, kind, bytes: stored.bytes, mediaType: stored.mediaType });
    this.changed(row.patientId);
    return this.view(enrollmentId);
  }

  scan(scanId: number): { fileName: string; mediaType: string; base64: string } {
    const scan = this.store.enrollments.scan(scanId);
    if (!scan) throw new NotFoundError('scan', 'Scansione', scanId);
    return { fileName: scan.fileName, mediaType: scan.mediaType, base64: this.documents.readScan(scan.storedAs).toString('base64') };
  }

  withdraw(enrollmentId: number, reason: string): EnrollmentView {
    return this.apply(enrollmentId, { type: 'withdraw', reason }, 'enrollment.withdraw');
  }

  renew(enrollmentId: number): EnrollmentView {
    this.applyClock();
    return this.apply(enrollmentId, { type: 'renew' }, 'enrollment.renew');
  }

  /** A patient who refuses, from the call list: the enrollment ends with the reason kept. */
  refuse(patientId: number, reason: string): void {
    this.ensureCandidate(patientId);
    const row = this.store.enrollments.current(patientId)!;
    this.write(row, { type: 'refuse', reason }, 'enrollment.refuse');
  }

  /**
   * The calendar's own moves (a registration past its deadline lapses and releases the lock; a
   * Patto di Cura near its anniversary comes due). Idempotent; run before anything reads states.
   */
  applyClock(): number {
    const today = this.today();
    let moved = 0;
    for (const row of this.store.enrollments.latestInStates(['registered', 'enrolled', 'renewed'])) {
      const event = clockEvent(row.snapshot, today);
      if (!event) continue;
      this.write(row, event, event.type === 'lapse' ? 'enrollment.lapse' : 'enrollment.renewal-due', null);
      moved++;
    }
    if (moved > 0) log.info('calendar moved enrollments', { moved, today });
    return moved;
  }

  private apply(enrollmentId: number, event: EnrollmentEvent, action: string): EnrollmentView {
    const row = this.requireRow(enrollmentId);
    this.write(row, event, action);
    return this.view(enrollmentId);
  }

  private write(row: EnrollmentRow, event: EnrollmentEvent, action: string, operatorCf = this.operatorCf()): EnrollmentSnapshot {
    const after = transition(row.snapshot, event, this.today());
    this.store.transaction(() => {
      this.store.enrollments.update(row.id, after);
      this.store.audit.append({ operatorCf, action, entity: 'patient', entityId: row.patientId, detail: { enrollmentId: row.id, from: row.snapshot.state, to: after.state, reason: after.reason } });
      // Only what the Centro Servizi knows about (a registration happened) needs to travel.
      if (row.snapshot.registeredOn !== null) {
        this.store.outbox.enqueue('enrollment', row.id, row.patientId);
      }
    });
    this.changed(row.patientId);
    return after;
  }

  private consent(enrollmentId: number, kind: ConsentKind) {
    return this.store.enrollments.consentsOf(enrollmentId).find((c) => c.kind === kind) ?? null;
  }

  private requireRow(enrollmentId: number): EnrollmentRow {
    const row = this.store.enrollments.byId(enrollmentId);
    if (!row) throw new NotFoundError('enrollment', 'Arruolamento', enrollmentId);
    return row;
  }

  private view(id: number): EnrollmentView {
    const v = this.store.enrollments.view(id);
    if (!v) throw new NotFoundError('enrollment', 'Arruolamento', id);
    return v;
  }

  private changed(patientId: number | null): void {
    this.events.emit('enrollments.changed', { patientId });
  }
}
