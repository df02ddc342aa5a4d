import { describe, expect, it } from 'vitest';
import { anItem, aPai, monthly } from '../../../test/support/paiFixtures';
import { inForce, paiAllows, paiClockEvent, PaiTransitionError, transitionPai, type PaiEvent } from './machine';
import { PaiStatus, type Pai } from './model';
import { PaiValidationError } from './validation';

const draft = aPai('2026-01-10', [anItem('90.28.1', monthly(4, 6), '2026-01-10')]);
const active: Pai = { ...draft, status: 'active', activatedOn: '2026-01-10' };

function thrown(run: () => unknown): PaiTransitionError | PaiValidationError {
  try {
    run();
  } catch (e) {
    return e as PaiTransitionError;
  }
  throw new Error('expected a refusal');
}

describe('PAI transitions', () => {
  /** Written out by hand from the issue, independently of the implementation's table. */
  const EXPECTED = new Set(['draft activate', 'active expire', 'draft cancel', 'active cancel']);
  const EVENTS: PaiEvent[] = [{ type: 'activate', current: null }, { type: 'expire' }, { type: 'cancel', reason: 'Trasferito' }];
  for (const status of PaiStatus.options) {
    for (const event of EVENTS) {
      const allowed = EXPECTED.has(`${status} ${event.type}`);
      it(`${allowed ? 'allows' : 'forbids'} ${event.type} from ${status}`, () => {
        expect(paiAllows(status, event.type)).toBe(allowed);
        const run = () => transitionPai({ ...draft, status }, event, event.type === 'expire' ? '2027-01-10' : '2026-01-10');
        if (allowed) expect(run().pai.status).not.toBe(status);
        else expect(run).toThrow(PaiTransitionError);
      });
    }
  }

  it('activates a ready draft on its first day', () => {
    expect(transitionPai(draft, { type: 'activate', current: null }, '2026-01-10')).toEqual({ pai: { ...draft, status: 'active', activatedOn: '2026-01-10' }, superseded: null });
  });

  it('refuses to activate a draft without lifestyle goals, naming what is missing', () => {
    const e = thrown(() => transitionPai({ ...draft, lifestyle: [] }, { type: 'activate', current: null }, '2026-01-10'));
    expect(e).toBeInstanceOf(PaiValidationError);
    expect(e.userMessage).toBe('Il PAI non può essere attivato. Per attivare il PAI occorre almeno un obiettivo sullo stile di vita.');
  });

  it('refuses a first version whose validity started before today, or has ended', () => {
    expect(thrown(() => transitionPai(draft, { type: 'activate', current: null }, '2026-01-20')).code).toBe('starts-in-past');
    expect(thrown(() => transitionPai(draft, { type: 'activate', current: null }, '2027-01-10')).code).toBe('validity-passed');
  });

  it('activating a new version supersedes the active one, keeping the year\'s validity', () => {
    const v2: Pai = { ...active, version: 2, status: 'draft', activatedOn: null, createdOn: '2026-05-02', items: [anItem('90.28.1', monthly(3), '2026-01-10')] };
    const { pai, superseded } = transitionPai(v2, { type: 'activate', current: active }, '2026-05-03');
    expect(pai).toMatchObject({ version: 2, status: 'active', activatedOn: '2026-05-03', validFrom: '2026-01-10', validTo: '2027-01-09' });
    expect(superseded).toEqual({ ...active, status: 'superseded', closedOn: '2026-05-03' });
    expect(thrown(() => transitionPai(v2, { type: 'activate', current: { ...active, year: 2025 } }, '2026-05-03')).code).toBe('not-the-current-version');
    expect(thrown(() => transitionPai(v2, { type: 'activate', current: { ...active, status: 'expired' } }, '2026-05-03')).code).toBe('not-the-current-version');
    expect(thrown(() => transitionPai({ ...v2, validFrom: '2026-05-03', validTo: '2027-05-02', items: [anItem('90.28.1', monthly(3), '2026-05-03')] }, { type: 'activate', current: active }, '2026-05-03')).code).toBe('validity-changed');
  });

  it('expires the day after its last day, never before', () => {
    expect(thrown(() => transitionPai(active, { type: 'expire' }, '2027-01-09')).userMessage).toBe('Il PAI è valido fino al 09/01/2027.');
    expect(transitionPai(active, { type: 'expire' }, '2027-02-01').pai).toMatchObject({ status: 'expired', closedOn: '2027-01-10' });
    expect(paiClockEvent(active, '2027-01-09')).toBeNull();
    expect(paiClockEvent(active, '2027-01-10')).toEqual({ type: 'expire' });
    expect(paiClockEvent(draft, '2027-01-10')).toBeNull();
  });

  it('cancels with a reason', () => {
    expect(thrown(() => transitionPai(active, { type: 'cancel', reason: '  ' }, '2026-03-01')).userMessage).toBe('Indicare il motivo dell\'annullamento.');
    expect(transitionPai(active, { type: 'cancel', reason: ' Trasferito ad altro Gestore ' }, '2026-03-01').pai).toMatchObject({ status: 'cancelled', closedOn: '2026-03-01', cancelReason: 'Trasferito ad altro Gestore' });
    expect(thrown(() => transitionPai({ ...active, status: 'expired' }, { type: 'cancel', reason: 'x' }, '2026-03-01')).userMessage).toBe('Non è possibile annullare il PAI: è nello stato "Scaduto".');
  });

  it('is in force only while active and within its validity', () => {
    expect(inForce(active, '2026-01-10')).toBe(true);
    expect(inForce(active, '2027-01-09')).toBe(true);
    expect(inForce(active, '2027-01-10')).toBe(false);
    expect(inForce({ ...active, validFrom: '2026-02-01', validTo: '2027-01-31' }, '2026-01-20')).toBe(false);
    expect(inForce(draft, '2026-01-20')).toBe(false);
  });
});
