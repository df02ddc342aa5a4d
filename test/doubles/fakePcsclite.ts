import { EventEmitter } from 'node:events';

/** pcsclite's objects as the watcher sees them, driven by hand. */
export class FakeReader extends EventEmitter {
  connected = false;
  SCARD_SHARE_SHARED = 2;
  SCARD_LEAVE_CARD = 0;
  shareModes: number[] = [];
  transmitted: Buffer[] = [];
  answer: (apdu: Buffer) => Buffer | Error = () => Buffer.from([0x90, 0x00]);
  constructor(readonly name: string) {
    super();
  }
  connect(options: { share_mode: number }, cb: (err: Error | null, protocol: number) => void) {
    this.shareModes.push(options.share_mode);
    this.connected = true;
    setImmediate(() => cb(null, 2));
  }
  disconnect(_d: number, cb: (err: Error | null) => void) {
    this.connected = false;
    setImmediate(() => cb(null));
  }
  transmit(data: Buffer, _len: number, _p: number, cb: (err: Error | null, data: Buffer) => void) {
    this.transmitted.push(data);
    const r = this.answer(data);
    setImmediate(() => (r instanceof Error ? cb(r, Buffer.alloc(0)) : cb(null, r)));
  }
  close() {}
  status(state: number, atr?: number[]) {
    this.emit('status', { state, atr: atr ? Buffer.from(atr) : undefined });
  }
}

export class FakeContext extends EventEmitter {
  closed = false;
  close() {
    this.closed = true;
  }
}
