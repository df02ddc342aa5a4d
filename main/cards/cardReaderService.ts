import type { CardView, OperatorCardView, PatientCardView } from '../../shared/contract/cards';
import { AppError } from '../../shared/errors';
import { TypedEmitter } from '../../shared/typedEmitter';
import { CardRemovedError } from '../../native/cards/errors';
import { identifyCard } from '../../native/cards/identify';
import { pickProfile } from '../../native/cards/profiles';
import { verifyPin } from '../../native/cards/pin';
import type { CardIdentity, OperatorCardData, PatientCardData } from '../../native/cards/types';
import { PcscWatcher } from '../../native/pcsc/watcher';
import { todayIn, type Clock } from '../clock';
import { createLogger } from '../log';

const log = createLogger('cards');
/** Longer than pcscd's 400 ms presence poll. */
const REMOVAL_NOTICE_MS = 500;

export interface ReaderCard {
  reader: string;
  atr: Uint8Array;
  /** Changes at every insertion and removal in this reader (from the watcher). */
  generation: number;
  status: CardView['status'];
  identity: CardIdentity | null;
  error: AppError | null;
}

export interface ReaderServiceEvents extends Record<string, unknown> {
  changed: void;
  'card-removed': { reader: string };
}

export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/**
 * What is in the readers, read once per insertion: the watcher says a card arrived, this
 * identifies it (TS-CNS or operator card) and keeps the result until the card leaves.
 */
export class CardReaderService extends TypedEmitter<ReaderServiceEvents> {
  readonly watcher: PcscWatcher;
  private readonly cards = new Map<string, ReaderCard>();
  private readonly reads = new Set<Promise<unknown>>();

  constructor(
    private readonly clock: Clock,
    watcher?: PcscWatcher,
  ) {
    super();
    this.watcher = watcher ?? new PcscWatcher();
    this.watcher.on('service', ({ available, reason }) => {
      log.info(available ? 'PC/SC service available' : 'PC/SC service unavailable', { reason });
      this.emit('changed', undefined);
    });
    this.watcher.on('reader-attached', ({ reader }) => {
      log.info('reader attached', { reader });
      this.emit('changed', undefined);
    });
    this.watcher.on('reader-detached', ({ reader }) => {
      log.info('reader detached', { reader });
      this.emit('changed', undefined);
    });
    this.watcher.on('card-inserted', ({ reader, atr }) => this.read(reader, atr));
    this.watcher.on('card-mute', ({ reader }) => {
      this.cards.set(reader, { reader, atr: new Uint8Array(), generation: -1, status: 'mute', identity: null, error: null });
      this.emit('changed', undefined);
    });
    this.watcher.on('card-removed', ({ reader }) => {
      this.cards.delete(reader);
      log.info('card removed', { reader });
      this.emit('card-removed', { reader });
      this.emit('changed', undefined);
    });
    this.watcher.on('problem', ({ message }) => log.warn('PC/SC problem', { message }));
  }

  start(): void {
    this.watcher.start();
  }

  stop(): void {
    this.watcher.stop();
  }

  card(reader: string): ReaderCard | null {
    return this.cards.get(reader) ?? null;
  }

  allCards(): ReaderCard[] {
    return [...this.cards.values()];
  }

  /** Resolves when no card is being read (for the CLI, which prints once everything is known). */
  async settled(): Promise<void> {
    while (this.reads.size > 0) await Promise.allSettled([...this.reads]);
  }

  readerNames(): string[] {
    return this.watcher.snapshot().map((r) => r.name);
  }

  generationOf(reader: string): number | null {
    return this.watcher.snapshot().find((r) => r.name === reader && r.present)?.generation ?? null;
  }

  views(patientIdOf: (codiceFiscale: string) => number | null): { name: string; card: CardView | null }[] {
    return this.watcher.snapshot().map((r) => {
      const c = this.cards.get(r.name);
      return { name: r.name, card: c ? this.view(c, patientIdOf) : null };
    });
  }

  isExpired(patient: PatientCardData): boolean {
    return patient.cardExpiry < todayIn(this.clock);
  }

  /**
   * Verifies the operator PIN on the card in `reader`. Exactly one VERIFY is sent: a wrong PIN
   * burns one try, so nothing here ever repeats it.
   */
  verifyPin(reader: string, pin: string): Promise<void> {
    return this.watcher.withCard(reader, (channel) => verifyPin(channel.transmit, pin, pickProfile(channel.atr)));
  }

  private read(reader: string, atr: Uint8Array): void {
    const generation = this.generationOf(reader) ?? 0;
    const entry: ReaderCard = { reader, atr, generation, status: 'reading', identity: null, error: null };
    this.cards.set(reader, entry);
    this.emit('changed', undefined);
    const started = Date.now();
    const work = this.watcher
      .withCard(reader, (channel) => identifyCard(channel.atr, channel.transmit))
      .then((identity) => {
        if (this.cards.get(reader) !== entry) return;
        entry.identity = identity;
        entry.status = 'ready';
        log.info('card read', { reader, kind: identity.kind, apdus: identity.apdus, ms: Date.now() - started });
      })
      .catch(async (err: unknown) => {
        if (err instanceof CardRemovedError) return;
        // A card pulled mid-read often shows first as a truncated answer, and only at pcscd's
        // next poll as a removal: wait for that poll before calling the card unreadable.
        await new Promise((r) => setTimeout(r, REMOVAL_NOTICE_MS));
        if (this.cards.get(reader) !== entry) return;
        entry.status = 'error';
        entry.error = err instanceof AppError ? err : new AppError('card-unreadable', (err as Error).message, 'La carta non può essere letta.');
        log.warn('card unreadable', { reader, code: entry.error.code, message: entry.error.message });
      })
      .finally(() => {
        this.reads.delete(work);
        if (this.cards.get(reader) === entry) this.emit('changed', undefined);
      });
    this.reads.add(work);
  }

  private view(c: ReaderCard, patientIdOf: (cf: string) => number | null): CardView {
    const identity = c.identity;
    return {
      atr: hex(c.atr),
      kind: identity?.kind ?? 'unknown',
      status: c.status,
      patient: identity?.patient ? this.patientView(identity.patient, patientIdOf) : null,
      operator: identity?.operator ? operatorView(identity.operator) : null,
      error: c.error ? { code: c.error.code, message: c.error.userMessage } : null,
    };
  }

  private patientView(p: PatientCardData, patientIdOf: (cf: string) => number | null): PatientCardView {
    return { ...patientCardFields(p), expired: this.isExpired(p), patientId: patientIdOf(p.codiceFiscale) };
  }
}

/** What the UI and `pic cards` show of a Tessera Sanitaria. */
export function patientCardFields(p: PatientCardData) {
  return {
    codiceFiscale: p.codiceFiscale,
    surname: p.surname,
    givenName: p.givenName,
    birthDate: p.birthDate,
    sex: p.sex,
    cardExpiry: p.cardExpiry,
    issueDate: p.issueDate,
    cardSerial: p.cardSerial,
    issuer: p.issuer,
  };
}

export function operatorView(o: OperatorCardData): OperatorCardView {
  return { codiceFiscale: o.codiceFiscale, subject: o.subject, name: operatorName(o.subject) ?? o.codiceFiscale };
}

/** "Bianchi Giulia" from the subject's SN and GN (or the CN's leading words), when present. */
export function operatorName(subject: string): string | null {
  const field = (key: string) => new RegExp(`(?:^|\\n|, ?)${key}=([^\\n,]+)`).exec(subject)?.[1]?.trim() ?? null;
  const sn = field('SN');
  const gn = field('GN');
  if (sn && gn) return `${titleCase(sn)} ${titleCase(gn)}`;
  return null;
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
