import net from 'node:net';

/** What the link needs from a card: the virtual card engine, or anything that answers APDUs. */
export interface CardEngine {
  readonly atr: Uint8Array;
  process(apdu: Uint8Array): Uint8Array;
  powerOn(): void;
  powerOff(): void;
  reset(): void;
}

export const VPCD_BASE_PORT = 35963;
/** pcscd asks vpcd whether a card is present this often. */
export const VPCD_POLL_MS = 400;

const CONTROL = { POWER_OFF: 0, POWER_ON: 1, RESET: 2, GET_ATR: 4 } as const;
/** pcscd polls vpcd for presence every 400 ms and powers a new card on at once. */
const POWER_ON_WAIT_MS = 2000;

export interface VpcdLinkOptions {
  host?: string;
  port: number;
  /** Drop the connection instead of answering the n-th APDU: a card pulled mid-operation. */
  pullAfterApdus?: number;
  /** Called when the link closes on its own (vpcd went away, or pullAfterApdus). */
  onClosed?: () => void;
}

/**
 * The card side of vpcd's protocol: connecting is inserting, closing is removing. Every message
 * is a 2-byte big-endian length and a payload; a 1-byte payload is a control command, anything
 * longer is an APDU answered with data + status word.
 */
export class VpcdLink {
  private socket: net.Socket | null = null;
  private pending = Buffer.alloc(0);
  private apdus = 0;
  private closing = false;
  private poweredOn: (() => void) | null = null;

  constructor(
    private readonly card: CardEngine,
    private readonly options: VpcdLinkOptions,
  ) {}

  get apduCount(): number {
    return this.apdus;
  }

  /**
   * Resolves once pcscd has powered the card on, i.e. it knows a card is in the reader (or after
   * POWER_ON_WAIT_MS if it never does); rejects if nothing listens on the port.
   */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.options.host ?? '127.0.0.1', port: this.options.port });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        this.socket = socket;
        socket.off('error', reject);
        socket.on('error', () => socket.destroy());
        const fallback = setTimeout(resolve, POWER_ON_WAIT_MS);
        this.poweredOn = () => {
          clearTimeout(fallback);
          resolve();
        };
      });
      socket.once('error', reject);
      socket.on('data', (chunk) => this.receive(chunk));
      socket.on('close', () => {
        const wasOpen = this.socket === socket;
        this.socket = null;
        if (wasOpen && !this.closing) this.options.onClosed?.();
      });
    });
  }

  close(): Promise<void> {
    this.closing = true;
    const socket = this.socket;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private receive(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 2) {
      const length = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + length) return;
      const message = this.pending.subarray(2, 2 + length);
      this.pending = this.pending.subarray(2 + length);
      if (length === 1) this.control(message[0] as number);
      else if (length > 1) this.apdu(new Uint8Array(message));
    }
  }

  private control(command: number): void {
    switch (command) {
      case CONTROL.POWER_OFF:
        this.card.powerOff();
        break;
      case CONTROL.POWER_ON:
        this.card.powerOn();
        this.poweredOn?.();
        this.poweredOn = null;
        break;
      case CONTROL.RESET:
        this.card.reset();
        break;
      case CONTROL.GET_ATR:
        this.send(this.card.atr);
        break;
    }
  }

  private apdu(apdu: Uint8Array): void {
    this.apdus++;
    if (this.options.pullAfterApdus !== undefined && this.apdus >= this.options.pullAfterApdus) {
      this.socket?.destroy();
      return;
    }
    this.send(this.card.process(apdu));
  }

  private send(payload: Uint8Array): void {
    const header = Buffer.alloc(2);
    header.writeUInt16BE(payload.length);
    this.socket?.write(Buffer.concat([header, payload]));
  }
}
