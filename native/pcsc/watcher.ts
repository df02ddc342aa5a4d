import { createRequire } from 'node:module';
import { TypedEmitter } from '../../shared/typedEmitter';
import { CardCommunicationError, CardMissingError, CardRemovedError, CardServiceUnavailableError } from '../cards/errors';
import type { Transmit } from '../cards/types';
import { classifyPcscError, readerFlags } from './pcscFlags';

/** The parts of npm `pcsclite` used here (its own typings are not exported as a module type). */
interface PcscReader {
  name: string;
  connected: boolean;
  SCARD_SHARE_SHARED: number;
  SCARD_LEAVE_CARD: number;
  on(event: 'status', listener: (status: { state: number; atr?: Buffer }) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  removeAllListeners(): void;
  connect(options: { share_mode: number }, cb: (err: Error | null | undefined, protocol: number) => void): void;
  disconnect(disposition: number, cb: (err: Error | null | undefined) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, cb: (err: Error | null | undefined, data: Buffer) => void): void;
  close(): void;
}

interface PcscContext {
  on(event: 'reader', listener: (reader: PcscReader) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  removeAllListeners(): void;
  close(): void;
}

export type PcscFactory = () => PcscContext;

export interface WatcherEvents extends Record<string, unknown> {
  service: { available: boolean; reason: string | null };
  'reader-attached': { reader: string };
  'reader-detached': { reader: string };
  'card-inserted': { reader: string; atr: Uint8Array };
  'card-removed': { reader: string };
  'card-mute': { reader: string };
  /** Something worth a log line that changes no state (a reader error, a failed restart). */
  problem: { message: string };
}

export interface ReaderState {
  name: string;
  present: boolean;
  mute: boolean;
  atr: Uint8Array | null;
  /** Increases at every insertion and removal: an operation started on one card never continues on the next. */
  generation: number;
}

/** A card connection for the length of one transaction. */
export interface CardChannel {
  reader: string;
  atr: Uint8Array;
  transmit: Transmit;
}

/** Room for a 256-byte answer (Le = 00) plus the status word. */
const MAX_RESPONSE = 258;

/**
 * Turns pcsclite's callbacks into typed events and serialized per-card transactions. It never
 * throws into the app: pcscd absent at start, stopped, or restarted are reported as service
 * events, and it keeps retrying until stopped.
 */
export class PcscWatcher extends TypedEmitter<WatcherEvents> {
  private context: PcscContext | null = null;
  private readonly readers = new Map<string, { handle: PcscReader; state: ReaderState }>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private retryTimer: NodeJS.Timeout | null = null;
  private running = false;
  private available = false;
  private lastReason: string | null = null;

  constructor(private readonly options: { retryMs?: number; factory?: PcscFactory } = {}) {
    super();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.open();
  }

  stop(): void {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.teardown(null);
  }

  get serviceAvailable(): boolean {
    return this.available;
  }

  get serviceProblem(): string | null {
    return this.lastReason;
  }

  snapshot(): ReaderState[] {
    return [...this.readers.values()].map((r) => ({ ...r.state })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Runs `work` with the card in `reader`, alone: transactions on one reader queue up, those on
   * different readers run side by side. Connects in SHARED mode and leaves the card powered.
   * If the card is pulled (or swapped) meanwhile, every later APDU fails with CardRemovedError.
   */
  withCard<T>(reader: string, work: (channel: CardChannel) => Promise<T>): Promise<T> {
    const previous = this.queues.get(reader) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.runTransaction(reader, work));
    this.queues.set(reader, run.catch(() => undefined));
    return run;
  }

  private async runTransaction<T>(readerName: string, work: (channel: CardChannel) => Promise<T>): Promise<T> {
    if (!this.available) throw new CardServiceUnavailableError(this.lastReason ?? 'not started');
    const entry = this.readers.get(readerName);
    if (!entry) throw new CardMissingError('reader-missing', `no reader named "${readerName}"`, `Lettore "${readerName}" non trovato: verificare che sia collegato.`);
    if (!entry.state.present || !entry.state.atr) throw new CardMissingError('card-missing', `no card in "${readerName}"`, `Nessuna carta nel lettore "${readerName}".`);
    const { handle } = entry;
    const generation = entry.state.generation;
    const atr = entry.state.atr;
    const stillSameCard = () => this.readers.get(readerName)?.state.generation === generation;

    const protocol = await new Promise<number>((resolve, reject) => {
      handle.connect({ share_mode: handle.SCARD_SHARE_SHARED }, (err, p) => (err ? reject(this.translate(readerName, err)) : resolve(p)));
    });
    const transmit: Transmit = (apdu) =>
      new Promise((resolve, reject) => {
        if (!stillSameCard()) return reject(new CardRemovedError(readerName));
        handle.transmit(Buffer.from(apdu), MAX_RESPONSE, protocol, (err, data) => {
          if (err) return reject(this.translate(readerName, err));
          // No status word at all: the card stopped answering mid-command (vpcd reports a pulled
          // card this way, before pcscd's next presence poll notices the removal).
          if (!stillSameCard() || data.length < 2) return reject(new CardRemovedError(readerName));
          resolve(new Uint8Array(data));
        });
      });
    try {
      return await work({ reader: readerName, atr, transmit });
    } finally {
      await new Promise<void>((resolve) => {
        if (!handle.connected) return resolve();
        handle.disconnect(handle.SCARD_LEAVE_CARD, () => resolve());
      });
    }
  }

  private translate(reader: string, err: Error): Error {
    switch (classifyPcscError(err.message)) {
      case 'card-removed':
        return new CardRemovedError(reader);
      case 'service-unavailable':
        return new CardServiceUnavailableError(err.message);
      default:
        return new CardCommunicationError(reader, err.message);
    }
  }

  private open(): void {
    if (!this.running) return;
    let context: PcscContext;
    try {
      context = (this.options.factory ?? loadPcsclite)();
    } catch (err) {
      this.markUnavailable((err as Error).message);
      this.scheduleRetry();
      return;
    }
    this.context = context;
    this.available = true;
    this.lastReason = null;
    this.emit('service', { available: true, reason: null });
    context.on('reader', (reader) => this.attach(reader));
    context.on('error', (err) => {
      // pcsclite stops monitoring after any context error: start over from a fresh context.
      this.teardown(err.message);
      this.scheduleRetry();
    });
  }

  private attach(handle: PcscReader): void {
    const state: ReaderState = { name: handle.name, present: false, mute: false, atr: null, generation: 0 };
    this.readers.set(handle.name, { handle, state });
    this.emit('reader-attached', { reader: handle.name });
    handle.on('status', (status) => this.onStatus(handle.name, status.state, status.atr));
    handle.on('end', () => this.detach(handle.name));
    handle.on('error', (err) => this.emit('problem', { message: `reader ${handle.name}: ${err.message}` }));
  }

  private onStatus(reader: string, rawState: number, atr: Buffer | undefined): void {
    const entry = this.readers.get(reader);
    if (!entry) return;
    const s = entry.state;
    const flags = readerFlags(rawState);
    const present = flags.present && !flags.mute && atr !== undefined && atr.length > 0;
    if (flags.mute && !s.mute) {
      s.mute = true;
      this.emit('card-mute', { reader });
    } else if (!flags.mute) {
      s.mute = false;
    }
    if (present && (!s.present || !sameBytes(s.atr, atr))) {
      if (s.present) this.cardGone(reader, s);
      s.present = true;
      s.atr = new Uint8Array(atr);
      s.generation++;
      this.emit('card-inserted', { reader, atr: s.atr });
    } else if (!present && s.present) {
      this.cardGone(reader, s);
    }
  }

  private cardGone(reader: string, s: ReaderState): void {
    s.present = false;
    s.atr = null;
    s.generation++;
    this.emit('card-removed', { reader });
  }

  private detach(reader: string): void {
    const entry = this.readers.get(reader);
    if (!entry) return;
    if (entry.state.present) this.cardGone(reader, entry.state);
    entry.handle.removeAllListeners();
    // The native reader may still report its context's death: an unheard 'error' would crash the app.
    entry.handle.on('error', () => undefined);
    this.readers.delete(reader);
    this.emit('reader-detached', { reader });
  }

  private teardown(reason: string | null): void {
    for (const name of [...this.readers.keys()]) {
      const entry = this.readers.get(name);
      this.detach(name);
      try {
        entry?.handle.close();
      } catch {
        // The reader's context died with the service; nothing left to release.
      }
    }
    if (this.context) {
      this.context.removeAllListeners();
      // Errors are ignored from here on: the context is being abandoned.
      this.context.on('error', () => undefined);
      try {
        this.context.close();
      } catch {
        // Same: the daemon may already be gone.
      }
      this.context = null;
    }
    if (reason !== null) this.markUnavailable(reason);
    else this.available = false;
  }

  private markUnavailable(reason: string): void {
    const wasAvailable = this.available;
    this.available = false;
    if (wasAvailable || this.lastReason === null) this.emit('service', { available: false, reason });
    this.lastReason = reason;
  }

  private scheduleRetry(): void {
    if (!this.running || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, this.options.retryMs ?? 1000);
    this.retryTimer.unref();
  }
}

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  return a !== null && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Loaded on first use, so that a machine without libpcsclite still runs everything else. */
function loadPcsclite(): PcscContext {
  const require = createRequire(import.meta.url);
  return (require('pcsclite') as () => PcscContext)();
}
