import { AppError, NotFoundError } from '../../shared/errors';
import type { Catalogue } from '../../shared/domain/catalogue';
import type { EnrollmentState } from '../../shared/domain/enrollment';
import { transitionPai, paiClockEvent } from '../../shared/domain/pai/machine';
import { Pai, PAI_RENEWAL_NOTICE_DAYS, type PaiPathology, type PaiRef } from '../../shared/domain/pai/model';
import { paiCompleteness } from '../../shared/domain/pai/completeness';
import { renewalDraft } from '../../shared/domain/pai/renewal';
import { dueOf, isTakenCareOf, paiSchedule, prescriptionBatches } from '../../shared/domain/pai/schedule';
import { applyTemplates, templatesByIds } from '../../shared/domain/pai/templates';
import { errorsOf, paiIssues, PaiValidationError } from '../../shared/domain/pai/validation';
import { moveStart, newPaiDraft, revisePai } from '../../shared/domain/pai/versions';
import { isValidCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { addDays } from '../../shared/domain/dates';
import type { DueItem, PaiDraftChanges, PaiView } from '../../shared/contract/pai';
import { todayIn, type Clock } from '../clock';
import type { EventHub } from '../events';
import { createLogger } from '../log';
import type { StoredPai } from '../store/paiStore';
import type { Store } from '../store/store';

const log = createLogger('pai');

/** A PAI is written only for a patient the studio holds: enrolled, or enrolled and due for renewal. */
const ENROLLED: readonly EnrollmentState[] = ['enrolled', 'renewal_due', 'renewed'];

export class PaiNotEnrolledError extends AppError {
  constructor(patientId: number) {
    super('pai-not-enrolled', `patient ${patientId} is not enrolled`, 'Il PAI si scrive solo per un paziente arruolato: completare prima l\'arruolamento.');
  }
}

export class PaiNoAuthorError extends AppError {
  constructor() {
    super('pai-no-author', 'no MMG operator to sign the PAI', 'Nessun medico (MMG) tra gli operatori dello studio: il PAI deve avere il medico come autore.');
  }
}

export class PaiNotDraftError extends AppError {
  constructor() {
    super('pai-not-draft', 'only a draft can be edited', 'Si modifica solo una bozza: per cambiare un PAI attivo crearne una nuova versione.');
  }
}

/**
 * The PAI's life in the store: drafts from templates, edits, activation by the MMG (which writes
 * the plan's occurrences and supersedes the year's earlier version), new versions, renewal and
 * the calendar's expiry. Every change, its audit entry and its outbox item commit together.
 */
export class PaiService {
  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly catalogue: Catalogue,
  ) {}

  private today(): string {
    return todayIn(this.clock);
  }

  private refs(patientId: number): PaiRef[] {
    return this.store.pais.ofPatient(patientId).map((s) => s.pai);
  }

  private stored(id: number): StoredPai {
    const s = this.store.pais.get(id);
    if (!s) throw new NotFoundError('PAI', 'PAI', id);
    return s;
  }

  private enrollmentOf(patientId: number): number {
    const e = this.store.enrollments.current(patientId);
    if (!e || !ENROLLED.includes(e.snapshot.state)) throw new PaiNotEnrolledError(patientId);
    return e.id;
  }

  /**
   * The PAI's author: the MMG logged in with his card; from the command line, which has no card,
   * the studio's MMG (the first enabled one).
   */
  authorFor(operatorCf: string | null): string {
    if (operatorCf !== null && isValidCodiceFiscale(operatorCf)) return operatorCf;
    const mmg = this.store.operators.list().find((o) => o.role === 'mmg' && o.disabledAt === null);
    if (!mmg) throw new PaiNoAuthorError();
    return mmg.codiceFiscale;
  }

  /** A first draft of the year for an enrolled patient, with the templates' prestazioni to review. */
  create(input: { patientId: number; templates: readonly string[]; validFrom?: string }, operatorCf: string | null): PaiView {
    const authorCf = this.authorFor(operatorCf);
    const templates = templatesByIds(input.templates.join(','));
    const enrollmentId = this.enrollmentOf(input.patientId);
    const patient = this.store.patients.get(input.patientId);
    const today = this.today();
    const draft = applyTemplates(
      newPaiDraft(
        { patientId: input.patientId, validFrom: input.validFrom ?? today, chronicLevel: patient.chronicLevel ?? 2, authorCf, pathologies: pathologiesFrom(patient.pathologies.map((p) => p.code), templates) },
        this.refs(input.patientId),
        today,
      ),
      templates,
    );
    const id = this.store.transaction(() => {
      const id = this.store.pais.insert(draft, enrollmentId);
      this.store.audit.append({ operatorCf, action: 'pai.create', entity: 'pai', entityId: String(id), detail: { patientId: input.patientId, year: draft.year, version: draft.version, templates: input.templates } });
      return id;
    });
    this.changed(input.patientId);
    return this.view(this.stored(id));
  }

  /** The MMG's edits to a draft: what he changes replaces what it held; templates add what is missing. */
  update(id: number, changes: PaiDraftChanges, operatorCf: string | null): PaiView {
    const s = this.stored(id);
    if (s.pai.status !== 'draft') throw new PaiNotDraftError();
    let next: Pai = { ...s.pai, ...withoutUndefined(changes.plan ?? {}) };
    if (changes.validFrom !== undefined && changes.validFrom !== s.pai.validFrom) next = moveStart(next, changes.validFrom);
    if (changes.templates?.length) next = applyTemplates(next, templatesByIds(changes.templates.join(',')));
    const parsed = Pai.safeParse(next);
    if (!parsed.success) throw new PaiValidationError(parsed.error.issues.map((i) => ({ code: 'invalid-field', path: i.path.join('.'), message: i.message, severity: 'error' as const })));
    const errors = errorsOf(paiIssues(parsed.data, this.catalogue));
    // A draft may be incomplete, never contradictory: two primaries or a zero cadence are refused now.
    const contradictions = errors.filter((e) => e.code !== 'no-pathology' && e.code !== 'no-primary');
    if (contradictions.length > 0) throw new PaiValidationError(contradictions);
    this.store.transaction(() => {
      this.store.pais.save(id, parsed.data, this.clock.now().toISOString());
      this.store.audit.append({ operatorCf, action: 'pai.update', entity: 'pai', entityId: String(id), detail: { fields: Object.keys(changes.plan ?? {}), templates: changes.templates ?? [], validFrom: changes.validFrom ?? null } });
    });
    this.changed(s.pai.patientId);
    return this.view(this.stored(id));
  }

  /** Only the MMG activates; the year's active version, if any, becomes superseded in the same transaction. */
  activate(id: number, operatorCf: string | null): PaiView {
    const s = this.stored(id);
    const today = this.today();
    const current = this.store.pais.ofPatient(s.pai.patientId).find((o) => o.pai.status === 'active' && o.pai.year === s.pai.year && o.id !== id) ?? null;
    const issues = errorsOf(paiIssues(s.pai, this.catalogue));
    if (issues.length > 0) throw new PaiValidationError(issues);
    const { pai, superseded } = transitionPai(s.pai, { type: 'activate', current: current?.pai ?? null }, today);
    this.store.transaction(() => {
      const now = this.clock.now().toISOString();
      this.store.pais.save(id, pai, now);
      if (superseded && current) this.store.pais.save(current.id, superseded, now);
      this.store.pais.replaceOccurrences(id, current?.id ?? null, pai.patientId, paiSchedule(pai));
      this.store.audit.append({ operatorCf, action: 'pai.activate', entity: 'pai', entityId: String(id), detail: { year: pai.year, version: pai.version, superseded: current?.id ?? null } });
      this.store.outbox.enqueue('pai', id, pai.patientId);
      if (superseded && current) this.store.outbox.enqueue('pai', current.id, pai.patientId);
    });
    log.info('pai activated', { id, year: pai.year, version: pai.version });
    this.changed(pai.patientId);
    return this.view(this.stored(id));
  }

  /** A draft of the next version of the active PAI, to change it; the active one stays in force meanwhile. */
  revise(id: number, operatorCf: string | null): PaiView {
    const s = this.stored(id);
    const draft = revisePai(s.pai, this.refs(s.pai.patientId), this.today());
    return this.insertDraft(draft, s.enrollmentId, operatorCf, 'pai.revise', { from: id });
  }

  /** Next year's draft, pre-filled from this one (items keeping their rhythm from the last performance). */
  renew(id: number, operatorCf: string | null): PaiView & { carriedOver: string[]; ended: string[] } {
    const s = this.stored(id);
    const lastPerformed = new Map<string, string>();
    for (const b of this.store.bookings.ofPatient(s.pai.patientId)) {
      const on = b.dates.performedOn;
      if (on !== null && on > (lastPerformed.get(b.code) ?? '')) lastPerformed.set(b.code, on);
    }
    const r = renewalDraft(s.pai, this.refs(s.pai.patientId), { today: this.today(), authorCf: this.authorFor(operatorCf), lastPerformed });
    return { ...this.insertDraft(r.draft, this.enrollmentOf(s.pai.patientId), operatorCf, 'pai.renew', { from: id }), carriedOver: r.carriedOver, ended: r.ended };
  }

  cancel(id: number, reason: string, operatorCf: string | null): PaiView {
    const s = this.stored(id);
    const { pai } = transitionPai(s.pai, { type: 'cancel', reason }, this.today());
    this.store.transaction(() => {
      this.store.pais.save(id, pai, this.clock.now().toISOString());
      this.store.audit.append({ operatorCf, action: 'pai.cancel', entity: 'pai', entityId: String(id), detail: { reason: pai.cancelReason } });
      if (s.pai.status === 'active') this.store.outbox.enqueue('pai', id, pai.patientId);
    });
    this.changed(pai.patientId);
    return this.view(this.stored(id));
  }

  /** The patient's versions (newest first) with the one to show: the draft being written, else the one in force. */
  show(patientId: number): { current: PaiView | null; versions: PaiView[] } {
    this.applyClock();
    this.store.patients.get(patientId);
    const versions = this.store.pais.ofPatient(patientId).reverse().map((s) => this.view(s));
    const current = versions.find((v) => v.pai.status === 'draft') ?? versions.find((v) => v.pai.status === 'active') ?? versions[0] ?? null;
    return { current, versions };
  }

  get(id: number): PaiView {
    return this.view(this.stored(id));
  }

  /** The studio's due list: what the desk books next, most urgent window first. */
  due(withinDays: number): DueItem[] {
    this.applyClock();
    const today = this.today();
    const rows = this.store.pais.activeOccurrencesOpeningBy(addDays(today, withinDays));
    const bookings = groupBy(this.store.bookings.ofPatients([...new Set(rows.map((r) => r.patientId))]), (b) => b.patientId);
    return rows.filter((r) => !isTakenCareOf(r, bookings.get(r.patientId) ?? [])).map((r) => dueOf(r, today));
  }

  /** The calendar's moves: an active PAI past its last day expires. */
  applyClock(): void {
    const today = this.today();
    for (const s of this.store.pais.activeEndingBy(addDays(today, -1))) {
      const event = paiClockEvent(s.pai, today);
      if (!event) continue;
      const { pai } = transitionPai(s.pai, event, today);
      this.store.transaction(() => {
        this.store.pais.save(s.id, pai, this.clock.now().toISOString());
        this.store.audit.append({ operatorCf: null, action: 'pai.expire', entity: 'pai', entityId: String(s.id), detail: { validTo: pai.validTo } });
      });
    }
  }

  /** Active PAIs within 30 days of their end with no draft of the next year yet: the deadlines badge counts them. */
  renewalsDue(): { paiId: number; patientId: number; validTo: string }[] {
    const today = this.today();
    return this.store.pais
      .activeEndingBy(addDays(today, PAI_RENEWAL_NOTICE_DAYS))
      .filter((s) => !this.store.pais.ofPatient(s.pai.patientId).some((o) => o.pai.year > s.pai.year && o.pai.status !== 'cancelled'))
      .map((s) => ({ paiId: s.id, patientId: s.pai.patientId, validTo: s.pai.validTo }));
  }

  private insertDraft(draft: Pai, enrollmentId: number | null, operatorCf: string | null, action: string, detail: Record<string, unknown>): PaiView {
    const id = this.store.transaction(() => {
      const id = this.store.pais.insert(draft, enrollmentId);
      this.store.audit.append({ operatorCf, action, entity: 'pai', entityId: String(id), detail: { ...detail, year: draft.year, version: draft.version } });
      return id;
    });
    this.changed(draft.patientId);
    return this.view(this.stored(id));
  }

  private view(s: StoredPai): PaiView {
    const today = this.today();
    return {
      id: s.id,
      pai: s.pai,
      completeness: paiCompleteness(s.pai),
      issues: paiIssues(s.pai, this.catalogue),
      schedule: paiSchedule(s.pai).map((o) => dueOf(o, today)),
      batches: prescriptionBatches(s.pai),
      renewalDue: s.pai.status === 'active' && addDays(today, PAI_RENEWAL_NOTICE_DAYS) >= s.pai.validTo,
    };
  }

  private changed(patientId: number): void {
    this.events.emit('pai.changed', { patientId });
  }
}

/**
 * The draft's pathologies for the MMG to review: for each template the patient's own form of its
 * pathology (or its base form), the first one primary, then the patient's other recorded ones.
 */
function pathologiesFrom(patientCodes: readonly number[], templates: readonly { pathologyCodes: readonly number[] }[]): PaiPathology[] {
  const fromTemplates = templates.map((t) => t.pathologyCodes.find((c) => patientCodes.includes(c)) ?? t.pathologyCodes[0]!);
  return [...new Set([...fromTemplates, ...patientCodes])].map((code, i) => ({ code, role: i === 0 ? 1 : 2, severity: 2 }));
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
