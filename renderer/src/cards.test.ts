import { describe, expect, it } from 'vitest';
import type { CardsState, CardView, PatientCardView, ReaderView, SessionOperator } from '../../shared/contract/cards';
import {
  anyCardReading,
  authorizationText,
  cardSummary,
  checkPin,
  defaultDemoImage,
  demoPinText,
  demoSlotLabel,
  expiredText,
  hasVirtualReader,
  lockReason,
  newPatientCards,
  operatorStatusText,
  patientCardFor,
  pinFailure,
  readerLabels,
  readyOperatorCard,
  shortReaderName,
} from './cards';

const R0 = 'Virtual PCD 00 00';
const R1 = 'Virtual PCD 00 01';

function patient(over: Partial<PatientCardView> = {}): PatientCardView {
  return {
    codiceFiscale: 'RSSMRA50C07F205X',
    surname: 'Rossi',
    givenName: 'Mario',
    birthDate: '1950-03-07',
    sex: 'M',
    cardExpiry: '2030-01-31',
    issueDate: '2024-01-31',
    cardSerial: '80380001234567890123',
    issuer: 'Ministero Economia e Finanze',
    expired: false,
    patientId: 12,
    ...over,
  };
}

function card(over: Partial<CardView> = {}): CardView {
  return { atr: '3B', kind: 'unknown', status: 'ready', patient: null, operator: null, error: null, ...over };
}

const patientCard = (over: Partial<PatientCardView> = {}, status: CardView['status'] = 'ready') =>
  card({ kind: 'patient', status, patient: status === 'ready' ? patient(over) : null });

const operatorCard = (cf = 'BNCGLI70A41F205Z', name = 'Bianchi Giulia') =>
  card({ kind: 'operator', operator: { codiceFiscale: cf, subject: `SN=BIANCHI\nGN=GIULIA`, name } });

const operator: SessionOperator = { codiceFiscale: 'BNCGLI70A41F205Z', name: 'Bianchi Giulia', role: 'mmg', reader: R0, since: '2025-01-01T09:00:00Z' };

function state(readers: ReaderView[], over: Partial<CardsState> = {}): CardsState {
  return {
    service: { available: true, reason: null },
    readers,
    operator: null,
    authorization: { available: false, reason: 'Inserire la carta operatore (Carta SISS) in un lettore.' },
    warning: null,
    ...over,
  };
}

describe('reader names', () => {
  it('drops the slot numbers, the USB interface and the serial number', () => {
    expect(shortReaderName(R0)).toBe('Virtual PCD');
    expect(shortReaderName('HID Global OMNIKEY 3x21 Smart Card Reader [OMNIKEY 3x21 Smart Card Reader] 00 00')).toBe(
      'HID Global OMNIKEY 3x21',
    );
    expect(shortReaderName('Identiv uTrust 2700 R Contact and Contactless Desktop Unit 00 00')).toBe('Identiv uTrust 2700 R Contact…');
    expect(shortReaderName('Gemalto PC Twin Reader (7A1C2B3D) 00 00')).toBe('Gemalto PC Twin Reader');
    expect(shortReaderName('ACS ACR38U-CCID 01 00')).toBe('ACS ACR38U-CCID');
    expect(shortReaderName('  Alcor   Micro AU9540 00 00 ')).toBe('Alcor Micro AU9540');
  });
  it('never gives an empty name', () => {
    expect(shortReaderName('[x] 00 00')).toBe('[x] 00 00');
    expect(shortReaderName('')).toBe('Lettore');
  });
  it('numbers readers that would look the same, in the order of their full names', () => {
    expect(readerLabels([R1, R0])).toEqual(['Virtual PCD 2', 'Virtual PCD 1']);
    expect(readerLabels([R0, 'Gemalto PC Twin Reader (7A1C2B3D) 00 00'])).toEqual(['Virtual PCD', 'Gemalto PC Twin Reader']);
    expect(readerLabels([])).toEqual([]);
  });
});

describe('what a reader holds', () => {
  it('says it in a few Italian words', () => {
    expect(cardSummary(null)).toEqual({ text: 'vuoto', tone: 'empty', expiredOn: null });
    expect(cardSummary(card({ status: 'reading' })).text).toBe('lettura…');
    expect(cardSummary(patientCard()).text).toBe('Tessera Sanitaria: ROSSI MARIO');
    expect(cardSummary(operatorCard()).text).toBe('Carta operatore: Bianchi Giulia');
    expect(cardSummary(card()).text).toBe('carta non riconosciuta');
    expect(cardSummary(card({ status: 'error', error: { code: 'card-unreadable', message: 'La carta non può essere letta.' } })).text).toBe(
      'errore: La carta non può essere letta.',
    );
    expect(cardSummary(card({ status: 'mute' })).tone).toBe('error');
  });
  it('marks an expired Tessera Sanitaria', () => {
    const s = cardSummary(patientCard({ expired: true, cardExpiry: '2023-12-31' }));
    expect(s.expiredOn).toBe('2023-12-31');
    expect(s.tone).toBe('warn');
    expect(expiredText('2023-12-31')).toBe('Tessera scaduta il 31/12/2023');
  });
});

describe('cards in the readers', () => {
  it('finds the operator card ready for the PIN', () => {
    expect(readyOperatorCard(null)).toBeNull();
    expect(readyOperatorCard(state([{ name: R0, card: card({ kind: 'operator', status: 'reading' }) }]))).toBeNull();
    expect(readyOperatorCard(state([{ name: R0, card: patientCard() }, { name: R1, card: operatorCard() }]))).toEqual({
      reader: R1,
      name: 'Bianchi Giulia',
      codiceFiscale: 'BNCGLI70A41F205Z',
    });
    expect(anyCardReading(state([{ name: R0, card: card({ status: 'reading' }) }]))).toBe(true);
    expect(anyCardReading(state([{ name: R0, card: null }]))).toBe(false);
  });
  it("finds a patient's own card by codice fiscale", () => {
    const s = state([{ name: R1, card: patientCard() }]);
    expect(patientCardFor(s, 'rssmra50c07f205x')?.reader).toBe(R1);
    expect(patientCardFor(s, 'VRDLGU60A01F205Y')).toBeNull();
    expect(patientCardFor(null, 'RSSMRA50C07F205X')).toBeNull();
  });
  it('recognises the virtual readers of vpcd', () => {
    expect(hasVirtualReader(state([{ name: R0, card: null }]))).toBe(true);
    expect(hasVirtualReader(state([{ name: 'ACS ACR38U-CCID 00 00', card: null }]))).toBe(false);
    expect(hasVirtualReader(null)).toBe(false);
  });
});

describe('a Tessera Sanitaria inserted', () => {
  const empty = state([{ name: R0, card: operatorCard() }, { name: R1, card: null }]);
  const reading = state([{ name: R0, card: operatorCard() }, { name: R1, card: patientCard({}, 'reading') }]);
  const ready = state([{ name: R0, card: operatorCard() }, { name: R1, card: patientCard() }]);

  it('counts once, when the card becomes ready', () => {
    expect(newPatientCards(empty, reading)).toEqual([]);
    expect(newPatientCards(reading, ready)).toEqual([{ reader: R1, card: patient() }]);
    expect(newPatientCards(empty, ready)).toHaveLength(1);
    expect(newPatientCards(ready, ready)).toEqual([]);
  });
  it('does not count again when only other things change', () => {
    const created = state([{ name: R0, card: operatorCard() }, { name: R1, card: patientCard({ patientId: 99 }) }], { operator });
    expect(newPatientCards(ready, created)).toEqual([]);
  });
  it('counts a card pulled and put back, or another card in the same reader', () => {
    expect(newPatientCards(empty, ready)).toHaveLength(1);
    const other = state([{ name: R0, card: operatorCard() }, { name: R1, card: patientCard({ cardSerial: '80380009999999999999' }) }]);
    expect(newPatientCards(ready, other)).toHaveLength(1);
  });
  it('counts the same card moved to another reader', () => {
    const moved = state([{ name: R0, card: patientCard() }, { name: R1, card: null }]);
    expect(newPatientCards(ready, moved)).toEqual([{ reader: R0, card: patient() }]);
  });
  it('ignores cards already in at start-up', () => {
    expect(newPatientCards(null, ready)).toEqual([]);
  });
});

describe('the session ends', () => {
  const inWithOperator = state([{ name: R0, card: operatorCard() }], { operator });
  const inLocked = state([{ name: R0, card: operatorCard() }]);
  const pulled = state([{ name: R0, card: null }]);

  it('because the operator card was pulled', () => {
    expect(lockReason(inWithOperator, pulled, false)).toBe('card-removed');
    expect(lockReason(inWithOperator, pulled, true)).toBe('card-removed');
    const otherCard = state([{ name: R0, card: operatorCard('VRDLGU60A01F205Y', 'Verdi Luigi') }]);
    expect(lockReason(inWithOperator, otherCard, false)).toBe('card-removed');
  });
  it('because of Esci here, or elsewhere', () => {
    expect(lockReason(inWithOperator, inLocked, true)).toBe('logout');
    expect(lockReason(inWithOperator, inLocked, false)).toBe('closed');
  });
  it('did not end', () => {
    expect(lockReason(null, pulled, false)).toBeNull();
    expect(lockReason(inLocked, pulled, false)).toBeNull();
    expect(lockReason(inWithOperator, inWithOperator, false)).toBeNull();
  });
});

describe('PIN', () => {
  it('checks the format before spending a try on the card', () => {
    expect(checkPin('12345678')).toEqual({ ok: true, pin: '12345678' });
    expect(checkPin(' 1234 5678 ')).toEqual({ ok: true, pin: '12345678' });
    expect(checkPin('')).toMatchObject({ ok: false });
    expect(checkPin('123')).toEqual({ ok: false, message: 'Il PIN è composto da 4 a 8 cifre.' });
    expect(checkPin('123456789')).toMatchObject({ ok: false });
    expect(checkPin('12a4')).toMatchObject({ ok: false });
  });
  it('clears the field after a wrong PIN and stops when blocked', () => {
    expect(pinFailure('wrong-pin')).toEqual({ clear: true, blocked: false });
    expect(pinFailure('pin-blocked')).toEqual({ clear: true, blocked: true });
    expect(pinFailure('operator-card-missing')).toEqual({ clear: false, blocked: false });
  });
});

describe('status texts', () => {
  it('names the operator and the authorization', () => {
    expect(operatorStatusText(null)).toBe('Nessun operatore');
    expect(operatorStatusText(operator)).toBe('Operatore: Bianchi Giulia (PIN verificato)');
    expect(authorizationText({ available: true, reason: null })).toBe('Arruolamento: carte pronte');
    expect(authorizationText({ available: false, reason: 'Inserire la Tessera Sanitaria del paziente in un lettore.' })).toBe(
      'Arruolamento: inserire la Tessera Sanitaria del paziente in un lettore.',
    );
    expect(authorizationText({ available: false, reason: 'PIN non verificato' })).toBe('Arruolamento: PIN non verificato');
  });
});

describe('demo cards', () => {
  const images = [
    { id: 'ts-rossi', kind: 'patient' as const },
    { id: 'operatore-bianchi', kind: 'operator' as const },
  ];
  it('starts each reader on the card usually put there', () => {
    expect(defaultDemoImage(0, null, images)).toBe('operatore-bianchi');
    expect(defaultDemoImage(1, null, images)).toBe('ts-rossi');
    expect(defaultDemoImage(1, 'operatore-bianchi', images)).toBe('operatore-bianchi');
    expect(defaultDemoImage(1, 'gone', images)).toBe('ts-rossi');
    expect(defaultDemoImage(0, null, [])).toBe('');
    const withBroken = [
      { id: 'operator-blocked', kind: 'operator' as const, label: 'Carta operatore (PIN bloccato)' },
      { id: 'operator-mmg', kind: 'operator' as const, label: 'Carta operatore dott.ssa Bianchi' },
    ];
    expect(defaultDemoImage(0, null, withBroken)).toBe('operator-mmg');
    expect(defaultDemoImage(0, null, withBroken.slice(0, 1))).toBe('operator-blocked');
  });
  it('labels slots and PINs', () => {
    expect(demoSlotLabel(0)).toBe('Lettore 1');
    expect(demoPinText('12345678')).toBe('PIN di prova: 12345678');
  });
});
