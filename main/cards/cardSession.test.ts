import { describe, expect, it } from 'vitest';
import { FakeContext, FakeReader } from '../../test/doubles/fakePcsclite';
import { PcscWatcher } from '../../native/pcsc/watcher';
import { CardReaderService } from './cardReaderService';
import { CardSession, TWO_READERS_NEEDED } from './cardSession';

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };

function sessionWith(readers: string[] | 'no-service') {
  const context = new FakeContext();
  const watcher = new PcscWatcher({
    retryMs: 1000,
    factory: () => {
      if (readers === 'no-service') throw new Error('SCardEstablishContext error: Service not available.(0x8010001D)');
      return context as never;
    },
  });
  const cards = new CardReaderService(clock, watcher);
  const session = new CardSession(cards, clock, () => null);
  cards.start();
  if (readers !== 'no-service') for (const name of readers) context.emit('reader', new FakeReader(name));
  return { session, cards };
}

describe('card session state', () => {
  it('says that a one-slot setup cannot enroll', () => {
    const { session, cards } = sessionWith(['Lettore singolo']);
    const state = session.state(() => null);
    expect(state.warning).toBe(TWO_READERS_NEEDED);
    expect(state.readers).toEqual([{ name: 'Lettore singolo', card: null }]);
    cards.stop();
  });

  it('has no warning with two readers, and starts locked', () => {
    const { session, cards } = sessionWith(['A', 'B']);
    const state = session.state(() => null);
    expect(state.warning).toBeNull();
    expect(state.operator).toBeNull();
    expect(state.authorization).toEqual({ available: false, reason: expect.stringMatching(/carta operatore/) });
    cards.stop();
  });

  it('explains an unavailable PC/SC service in Italian', () => {
    const { session, cards } = sessionWith('no-service');
    const state = session.state(() => null);
    expect(state.service).toEqual({ available: false, reason: expect.stringMatching(/non disponibile/) });
    expect(state.readers).toEqual([]);
    cards.stop();
  });
});
