import { describe, expect, it } from 'vitest';
import { CardMissingError, CardRemovedError, CardServiceUnavailableError } from '../cards/errors';
import { SCARD_STATE } from './pcscFlags';
import { FakeContext, FakeReader } from '../../test/doubles/fakePcsclite';
import { PcscWatcher, type PcscFactory } from './watcher';

const ATR = [0x3b, 0x8b, 0x80, 0x01];
const PRESENT = SCARD_STATE.PRESENT | 0x00010000;
const EMPTY = SCARD_STATE.EMPTY | 0x00020000;

function setup(options: { failFirst?: number } = {}) {
  let failures = options.failFirst ?? 0;
  const contexts: FakeContext[] = [];
  const factory: PcscFactory = () => {
    if (failures > 0) {
      failures--;
      throw new Error('SCardEstablishContext error: Service not available.(0x8010001D)');
    }
    const c = new FakeContext();
    contexts.push(c);
    return c as never;
  };
  const watcher = new PcscWatcher({ factory, retryMs: 5 });
  const events: string[] = [];
  watcher.on('service', (e) => events.push(`service:${e.available}`));
  watcher.on('reader-attached', (e) => events.push(`attached:${e.reader}`));
  watcher.on('reader-detached', (e) => events.push(`detached:${e.reader}`));
  watcher.on('card-inserted', (e) => events.push(`inserted:${e.reader}:${Buffer.from(e.atr).toString('hex')}`));
  watcher.on('card-removed', (e) => events.push(`removed:${e.reader}`));
  watcher.on('card-mute', (e) => events.push(`mute:${e.reader}`));
  return { watcher, events, contexts };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('PC/SC watcher', () => {
  it('keeps retrying while pcscd is down at start, then reports it available', async () => {
    const { watcher, events, contexts } = setup({ failFirst: 3 });
    watcher.start();
    expect(watcher.serviceAvailable).toBe(false);
    expect(watcher.serviceProblem).toMatch(/Service not available/);
    await tick(60);
    expect(contexts).toHaveLength(1);
    expect(events).toEqual(['service:false', 'service:true']);
    watcher.stop();
  });

  it('turns reader and card callbacks into typed events, testing flags not whole states', async () => {
    const { watcher, events, contexts } = setup();
    watcher.start();
    const reader = new FakeReader('Lettore A');
    contexts[0]!.emit('reader', reader);
    reader.status(EMPTY);
    reader.status(PRESENT, ATR);
    reader.status(PRESENT | 0x00030000, ATR); // only the event counter moved: nothing new
    reader.status(SCARD_STATE.PRESENT | SCARD_STATE.MUTE);
    reader.status(EMPTY);
    reader.emit('end');
    expect(events).toEqual([
      'service:true',
      'attached:Lettore A',
      'inserted:Lettore A:3b8b8001',
      'mute:Lettore A',
      'removed:Lettore A',
      'detached:Lettore A',
    ]);
    watcher.stop();
  });

  it('runs transactions in SHARED mode, one at a time per reader', async () => {
    const { watcher, contexts } = setup();
    watcher.start();
    const reader = new FakeReader('R');
    contexts[0]!.emit('reader', reader);
    reader.status(PRESENT, ATR);
    const order: string[] = [];
    const a = watcher.withCard('R', async (ch) => {
      order.push('a-start');
      await ch.transmit(Uint8Array.from([0, 0xa4, 0, 0]));
      await tick(10);
      order.push('a-end');
    });
    const b = watcher.withCard('R', async () => {
      order.push('b');
    });
    await Promise.all([a, b]);
    expect(order).toEqual(['a-start', 'a-end', 'b']);
    expect(reader.shareModes).toEqual([2, 2]);
    expect(reader.connected).toBe(false);
    watcher.stop();
  });

  it('fails every APDU after the card was swapped, and maps PC/SC errors to named ones', async () => {
    const { watcher, contexts } = setup();
    watcher.start();
    const reader = new FakeReader('R');
    contexts[0]!.emit('reader', reader);
    reader.status(PRESENT, ATR);
    const work = watcher.withCard('R', async (ch) => {
      await ch.transmit(Uint8Array.of(1, 2, 3, 4));
      reader.status(EMPTY);
      reader.status(PRESENT, ATR);
      await ch.transmit(Uint8Array.of(1, 2, 3, 4));
    });
    await expect(work).rejects.toBeInstanceOf(CardRemovedError);
    reader.answer = () => Buffer.alloc(0);
    await expect(watcher.withCard('R', (ch) => ch.transmit(Uint8Array.of(0, 0, 0, 0)))).rejects.toBeInstanceOf(CardRemovedError);
    reader.answer = () => new Error('SCardTransmit error: Card was removed.(0x80100069)');
    await expect(watcher.withCard('R', (ch) => ch.transmit(Uint8Array.of(0, 0, 0, 0)))).rejects.toBeInstanceOf(CardRemovedError);
    reader.status(EMPTY);
    await expect(watcher.withCard('R', async () => 1)).rejects.toBeInstanceOf(CardMissingError);
    await expect(watcher.withCard('nope', async () => 1)).rejects.toMatchObject({ code: 'reader-missing' });
    watcher.stop();
    await expect(watcher.withCard('R', async () => 1)).rejects.toBeInstanceOf(CardServiceUnavailableError);
  });

  it('starts over when the service dies: cards removed, readers detached, then back', async () => {
    const { watcher, events, contexts } = setup();
    watcher.start();
    const reader = new FakeReader('R');
    contexts[0]!.emit('reader', reader);
    reader.status(PRESENT, ATR);
    events.length = 0;
    contexts[0]!.emit('error', new Error('SCardGetStatusChange error: Service was stopped.(0x8010001E)'));
    expect(events).toEqual(['removed:R', 'detached:R', 'service:false']);
    expect(contexts[0]!.closed).toBe(true);
    await tick(40);
    expect(contexts).toHaveLength(2);
    expect(events.at(-1)).toBe('service:true');
    watcher.stop();
  });
});
