import crypto from 'node:crypto';
import type { CardsState, SessionOperator } from '../../shared/contract/cards';
import { formatItalianDate } from '../../shared/domain/dates';
import type { OperatorRole } from '../../shared/domain/operator';
import { AppError } from '../../shared/errors';
import { TypedEmitter } from '../../shared/typedEmitter';
import { CardMissingError } from '../../native/cards/errors';
import type { PatientCardData } from '../../native/cards/types';
import type { Clock } from '../clock';
import { createLogger } from '../log';
import { hex, operatorView, type CardReaderService, type ReaderCard } from './cardReaderService';

const log = createLogger('card-session');

export const TWO_READERS_NEEDED =
  'Per arruolare servono due lettori di smart card (o un lettore a doppio slot): uno per la carta operatore e uno per la Tessera Sanitaria.';

export class CardExpiredError extends AppError {
  constructor(expiry: string) {
    super('card-expired', `patient card expired on ${expiry}`, `La Tessera Sanitaria è scaduta il ${formatItalianDate(expiry)}: non può autorizzare l'arruolamento.`);
  }
}

export class AuthorizationRevokedError extends AppError {
  constructor(readonly reason: 'operator-card-missing' | 'patient-card-missing' | 'logged-out') {
    super(
      reason === 'logged-out' ? 'operator-card-missing' : reason,
      `enrollment authorization revoked: ${reason}`,
      reason === 'patient-card-missing'
        ? "La Tessera Sanitaria è stata estratta: l'operazione è annullata e nulla è stato registrato."
        : "La carta operatore è stata estratta: l'operazione è annullata e nulla è stato registrato.",
    );
  }
}

/** SELECT 3F00: every ISO 7816 card answers it, whatever its applications. */
const SELECT_MASTER_FILE = Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00);

const operatorMissing = () =>
  new CardMissingError('operator-card-missing', 'no operator card ready in any reader', 'Inserire la carta operatore (Carta SISS) in un lettore.');
const patientMissing = () =>
  new CardMissingError('patient-card-missing', 'no patient card ready in any reader', 'Inserire la Tessera Sanitaria del paziente in un lettore.');

/** Evidence of who authorized with which cards; recorded with the registration. */
export interface AuthorizationEvidence {
  operatorCodiceFiscale: string;
  operatorAtr: string;
  patientCodiceFiscale: string;
  patientCardSerial: string;
  patientCardExpiry: string;
  patientAtr: string;
  issuedAt: string;
}

/**
 * Proof that the operator (logged in with card and PIN) and the patient's valid Tessera
 * Sanitaria are both in the readers. It lives only as long as both cards stay in: removing
 * either revokes it at once, and assertValid() is what a registration checks inside its
 * transaction.
 */
export class EnrollmentAuthorization {
  readonly id = crypto.randomUUID();
  private revoked: AuthorizationRevokedError['reason'] | null = null;

  constructor(
    readonly patient: PatientCardData,
    readonly evidence: AuthorizationEvidence,
    readonly operatorReader: string,
    readonly patientReader: string,
    /** Asks the readers, not the event stream, which cards are in now. */
    private readonly missingCard: () => AuthorizationRevokedError['reason'] | null,
  ) {}

  get valid(): boolean {
    if (this.revoked === null) this.revoked = this.missingCard();
    return this.revoked === null;
  }

  revoke(reason: AuthorizationRevokedError['reason']): void {
    this.revoked ??= reason;
  }

  assertValid(): void {
    if (!this.valid) throw new AuthorizationRevokedError(this.revoked!);
  }
}

interface LoggedIn {
  operator: SessionOperator;
  /** The operator card's generation at login: another card in that reader is not this login. */
  generation: number;
}

export interface SessionEvents extends Record<string, unknown> {
  changed: void;
}

/**
 * The two-card session: who is logged in (operator card + verified PIN), which patient card is
 * present, and the enrollment authorizations that depend on both.
 */
export class CardSession extends TypedEmitter<SessionEvents> {
  private loggedIn: LoggedIn | null = null;
  private readonly authorizations = new Set<EnrollmentAuthorization>();

  constructor(
    private readonly cards: CardReaderService,
    private readonly clock: Clock,
    /** The role the card logs in with, or a refusal (unknown or disabled operator) thrown before the PIN. */
    private readonly admit: (codiceFiscale: string) => OperatorRole | null,
  ) {
    super();
    cards.on('card-removed', ({ reader }) => this.onRemoved(reader));
    cards.on('changed', () => this.emit('changed', undefined));
  }

  get operator(): SessionOperator | null {
    return this.loggedIn?.operator ?? null;
  }

  /** Verifies the PIN on the operator card; one VERIFY per call, never repeated. */
  async login(pin: string): Promise<SessionOperator> {
    const card = this.readyCard('operator');
    if (!card?.identity?.operator) throw operatorMissing();
    const view = operatorView(card.identity.operator);
    // Refused before the PIN: an unknown card does not use up one of its tries.
    const role = this.admit(view.codiceFiscale);
    await this.cards.verifyPin(card.reader, pin);
    if (this.cards.card(card.reader) !== card) throw operatorMissing();
    const operator: SessionOperator = {
      codiceFiscale: view.codiceFiscale,
      name: view.name,
      role,
      reader: card.reader,
      since: this.clock.now().toISOString(),
    };
    this.loggedIn = { operator, generation: card.generation };
    log.info('operator logged in', { operator: operator.codiceFiscale, reader: card.reader });
    this.emit('changed', undefined);
    return operator;
  }

  /** The logged-in operator's role changed (he confirmed he is the studio's administrator). */
  setRole(role: OperatorRole): void {
    if (!this.loggedIn) return;
    this.loggedIn = { ...this.loggedIn, operator: { ...this.loggedIn.operator, role } };
    this.emit('changed', undefined);
  }

  logout(): void {
    if (!this.loggedIn) return;
    log.info('operator logged out', { operator: this.loggedIn.operator.codiceFiscale });
    this.loggedIn = null;
    this.revokeAll('logged-out');
    this.emit('changed', undefined);
  }

  /** The patient card in the readers, read and not an operator's. */
  patientCard(): (ReaderCard & { identity: { patient: PatientCardData } }) | null {
    const c = this.readyCard('patient');
    return c?.identity?.patient ? (c as ReaderCard & { identity: { patient: PatientCardData } }) : null;
  }

  /** The patient card's data, or CardMissingError('patient-card-missing'). */
  requirePatientCard(): PatientCardData {
    const card = this.patientCard();
    if (!card) throw patientMissing();
    return card.identity.patient;
  }

  /** Issues an authorization if, right now, both cards are in and valid; throws why not otherwise. */
  authorize(): EnrollmentAuthorization {
    const operatorCard = this.loggedIn ? this.cards.card(this.loggedIn.operator.reader) : null;
    if (!this.loggedIn || !operatorCard || operatorCard.generation !== this.loggedIn.generation) throw operatorMissing();
    const patientCard = this.patientCard();
    if (!patientCard) throw patientMissing();
    const patient = patientCard.identity.patient;
    if (this.cards.isExpired(patient)) throw new CardExpiredError(patient.cardExpiry);
    const authorization = new EnrollmentAuthorization(
      patient,
      {
        operatorCodiceFiscale: this.loggedIn.operator.codiceFiscale,
        operatorAtr: hex(operatorCard.atr),
        patientCodiceFiscale: patient.codiceFiscale,
        patientCardSerial: patient.cardSerial,
        patientCardExpiry: patient.cardExpiry,
        patientAtr: hex(patientCard.atr),
        issuedAt: this.clock.now().toISOString(),
      },
      operatorCard.reader,
      patientCard.reader,
      () => {
        if (this.cards.card(operatorCard.reader) !== operatorCard || !this.loggedIn) return 'operator-card-missing';
        if (this.cards.card(patientCard.reader) !== patientCard) return 'patient-card-missing';
        return null;
      },
    );
    this.authorizations.add(authorization);
    return authorization;
  }

  /**
   * Asks both cards for an answer right now (a SELECT of the master file), so that a card pulled
   * since the last reader event is caught before anything is written.
   */
  async confirmCardsPresent(authorization: EnrollmentAuthorization): Promise<void> {
    authorization.assertValid();
    await Promise.all(
      [authorization.operatorReader, authorization.patientReader].map((reader) =>
        this.cards.watcher.withCard(reader, async (channel) => {
          await channel.transmit(SELECT_MASTER_FILE);
        }),
      ),
    );
    authorization.assertValid();
  }

  /** Forgets an authorization once the work it allowed is finished. */
  release(authorization: EnrollmentAuthorization): void {
    this.authorizations.delete(authorization);
  }

  state(patientIdOf: (codiceFiscale: string) => number | null): CardsState {
    const readers = this.cards.views(patientIdOf);
    return {
      service: { available: this.cards.watcher.serviceAvailable, reason: this.cards.watcher.serviceAvailable ? null : this.serviceText() },
      readers,
      operator: this.operator,
      authorization: this.authorizationStatus(),
      warning: this.cards.watcher.serviceAvailable && readers.length < 2 ? TWO_READERS_NEEDED : null,
    };
  }

  private serviceText(): string {
    return 'Servizio dei lettori di smart card (PC/SC) non disponibile: verificare che il lettore sia collegato e il servizio attivo.';
  }

  private authorizationStatus(): { available: boolean; reason: string | null } {
    try {
      this.release(this.authorize());
      return { available: true, reason: null };
    } catch (err) {
      return { available: false, reason: err instanceof AppError ? err.userMessage : String(err) };
    }
  }

  private readyCard(kind: 'patient' | 'operator'): ReaderCard | null {
    return this.cards.allCards().find((c) => c.status === 'ready' && c.identity?.kind === kind) ?? null;
  }

  private onRemoved(reader: string): void {
    for (const a of this.authorizations) {
      if (a.operatorReader === reader) a.revoke('operator-card-missing');
      if (a.patientReader === reader) a.revoke('patient-card-missing');
      if (!a.valid) this.authorizations.delete(a);
    }
    if (this.loggedIn?.operator.reader === reader) {
      log.info('operator card removed: session locked', { operator: this.loggedIn.operator.codiceFiscale });
      this.loggedIn = null;
      this.revokeAll('operator-card-missing');
    }
    this.emit('changed', undefined);
  }

  private revokeAll(reason: AuthorizationRevokedError['reason']): void {
    for (const a of this.authorizations) a.revoke(reason);
    this.authorizations.clear();
  }
}
