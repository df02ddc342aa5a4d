import { describe, expect, it } from 'vitest';
import type { CardsState, CardView, PatientCardView, ReaderView, SessionOperator } from '../../shared/contract/cards';
import type { LockCheck } from '../../shared/contract/sync';
import {
  auditActionLabel,
  auditDetailText,
  base64ToBytes,
  bytesToBase64,
  completeChoices,
  formatBytes,
  privacyChoicesText,
  scanFileProblem,
  deadlineInfo,
  deadlineWhenText,
  lockedElsewhereText,
  lockNotice,
  periodEndText,
  registrationReadiness,
  shortHash,
} from './enrollment';

const today = '2025-03-12';

describe('deadline texts', () => {
  it('counts the days left to sign', () => {
    expect(deadlineInfo('2025-03-19', today)).toEqual({ days: 7, tone: 'info', text: 'Firmare entro il 19/03/2025: mancano 7 giorni' });
    expect(deadlineInfo('2025-03-14', today)).toEqual({ days: 2, tone: 'warn', text: 'Firmare entro il 14/03/2025: mancano 2 giorni' });
    expect(deadlineInfo('2025-03-13', today)).toEqual({ days: 1, tone: 'warn', text: 'Firmare entro il 13/03/2025: manca 1 giorno' });
    expect(deadlineInfo('2025-03-12', today)).toEqual({ days: 0, tone: 'error', text: "Firmare entro oggi, 12/03/2025: è l'ultimo giorno" });
    expect(deadlineInfo('2025-03-11', today).text).toMatch(/^Termine per la firma scaduto il 11\/03\/2025/);
    expect(deadlineInfo('2025-03-11', today).tone).toBe('error');
  });
  it('words the rows of the deadlines panel', () => {
    expect(deadlineWhenText({ when: 'today', date: '2025-03-12' })).toBe('oggi, 12/03/2025');
    expect(deadlineWhenText({ when: 'tomorrow', date: '2025-03-13' })).toBe('domani, 13/03/2025');
    expect(deadlineWhenText({ when: 'overdue', date: '2025-03-10' })).toBe('scaduta il 10/03/2025');
    expect(deadlineWhenText({ when: 'later', date: '2025-03-18' })).toBe('entro il 18/03/2025');
    expect(deadlineWhenText({ when: 'overdue', date: '2025-03-10' }, 'renewal')).toBe('scaduto il 10/03/2025');
  });
  it('says until when the Patto di Cura holds', () => {
    expect(periodEndText('2026-03-12', today)).toBe('Patto di Cura valido fino al 12/03/2026');
    expect(periodEndText('2025-03-01', today)).toBe('Patto di Cura scaduto il 01/03/2025');
  });
});

const R0 = 'Virtual PCD 00 00';
const R1 = 'Virtual PCD 00 01';
const CF = 'RSSMRA50C07F205X';
const operator: SessionOperator = { codiceFiscale: 'BNCGLI70A41F205Z', name: 'Bianchi Giulia', role: 'mmg', reader: R0, since: '2025-01-01T09:00:00Z' };

function tsCard(over: Partial<PatientCardView> = {}): CardView {
  return {
    atr: '3B',
    kind: 'patient',
    status: 'ready',
    operator: null,
    error: null,
    patient: {
      codiceFiscale: CF,
      surname: 'Rossi',
      givenName: 'Mario',
      birthDate: '1950-03-07',
      sex: 'M',
      cardExpiry: '2030-01-31',
      issueDate: '2024-01-31',
      cardSerial: '8038000123',
      issuer: 'MEF',
      expired: false,
      patientId: 12,
      ...over,
    },
  };
}

function cards(readers: ReaderView[], over: Partial<CardsState> = {}): CardsState {
  return {
    service: { available: true, reason: null },
    readers,
    operator,
    authorization: { available: true, reason: null },
    warning: null,
    ...over,
  };
}

describe('registrationReadiness', () => {
  it('is ready with the operator logged in and the valid card of this patient', () => {
    const r = registrationReadiness(cards([{ name: R0, card: null }, { name: R1, card: tsCard() }]), CF);
    expect(r.ready).toBe(true);
    expect(r.reason).toBeNull();
    expect(r.checks.map((c) => c.ok)).toEqual([true, true, true, true]);
  });
  it('asks for the card when none is in', () => {
    const r = registrationReadiness(cards([{ name: R1, card: null }], { authorization: { available: false, reason: 'Inserire la TS.' } }), CF);
    expect(r.ready).toBe(false);
    expect(r.reason).toBe('Inserire nel lettore la Tessera Sanitaria del paziente');
  });
  it("names whose card is in the reader when it is another patient's", () => {
    const other = tsCard({ codiceFiscale: 'BNCLGU60A01F205X', surname: 'Bianchi', givenName: 'Luigi' });
    const r = registrationReadiness(cards([{ name: R1, card: other }]), CF);
    expect(r.ready).toBe(false);
    expect(r.reason).toBe('La tessera nel lettore è di BIANCHI LUIGI, non di questo paziente');
  });
  it('refuses an expired card', () => {
    const r = registrationReadiness(cards([{ name: R1, card: tsCard({ expired: true, cardExpiry: '2024-12-31' }) }]), CF);
    expect(r.ready).toBe(false);
    expect(r.reason).toBe('Tessera scaduta il 31/12/2024: serve una Tessera Sanitaria valida');
  });
  it('needs the operator', () => {
    const r = registrationReadiness(cards([{ name: R1, card: tsCard() }], { operator: null }), CF);
    expect(r.reason).toMatch(/^Nessun operatore collegato/);
    expect(registrationReadiness(null, CF).ready).toBe(false);
  });
  it("follows the core's verdict when everything visible is in order", () => {
    const r = registrationReadiness(cards([{ name: R1, card: tsCard() }], { authorization: { available: false, reason: 'Serve un secondo lettore.' } }), CF);
    expect(r.ready).toBe(false);
    expect(r.reason).toBe('Serve un secondo lettore.');
  });
  it('matches the codice fiscale regardless of case', () => {
    expect(registrationReadiness(cards([{ name: R1, card: tsCard() }]), CF.toLowerCase()).ready).toBe(true);
  });
});

describe('audit log', () => {
  it('translates the known actions and keeps the others', () => {
    expect(auditActionLabel('enrollment.register')).toBe('Registrazione con carte');
    expect(auditActionLabel('enrollment.sign')).toBe('Firme registrate');
    expect(auditActionLabel('document.print')).toBe('Stampa documento');
    expect(auditActionLabel('walkin.record')).toBe('Lettera ATS registrata');
    expect(auditActionLabel('call.record')).toBe('Telefonata');
    expect(auditActionLabel('enrollment.lapse')).toBe('Registrazione scaduta');
    expect(auditActionLabel('enrollment.withdraw')).toBe('Revoca');
    expect(auditActionLabel('enrollment.renew')).toBe('Rinnovo');
    expect(auditActionLabel('qualcosa.nuovo')).toBe('qualcosa.nuovo');
  });
  it('summarises the detail in one line', () => {
    expect(auditDetailText(null)).toBe('');
    expect(auditDetailText({ outcome: 'no_answer', note: 'segreteria' })).toBe('esito: Non risponde; nota: segreteria');
    expect(auditDetailText({ kind: 'privacy', hash: 'abcdef0123456789abcdef' })).toBe('documento: Consenso al trattamento dei dati personali (privacy); impronta: abcdef012345');
    expect(auditDetailText({ letterType: 2, letterDate: '2018-04-16', nested: { a: 1 } })).toBe('tipo di lettera: 2; data della lettera: 16/04/2018');
    expect(auditDetailText({ patto: true, privacy: false })).toBe('Patto di Cura: sì; privacy: no');
    expect(auditDetailText('testo')).toBe('testo');
    expect(auditDetailText({ enrollmentId: 3, from: 'registered', to: 'withdrawn', reason: 'trasferito' })).toBe('da: Registrato (in attesa di firma); a: Revocato; motivo: trasferito');
    expect(auditDetailText({ enrollmentId: 3, deadline: '2025-03-19', evidence: { operatorCodiceFiscale: 'X' } })).toBe('scadenza: 19/03/2025');
  });
});

describe('documents', () => {
  it('shortens the hash and decodes base64', () => {
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab');
    expect(Array.from(base64ToBytes('JVBERg=='))).toEqual([0x25, 0x50, 0x44, 0x46]);
  });
});

describe('privacy answers and scans', () => {
  it('words the recorded answers in the form\'s order', () => {
    expect(privacyChoicesText({ contatti: false, trattamento: true, comunicazione: true })).toBe(
      'Trattamento: acconsente · Comunicazione: acconsente · Promemoria: non acconsente',
    );
  });
  it('asks for the first row still without an answer', () => {
    expect(completeChoices({ trattamento: true, contatti: false })).toEqual({ ok: false, missing: 'comunicazione' });
    expect(completeChoices({ trattamento: true, comunicazione: false, contatti: false })).toEqual({
      ok: true,
      choices: { trattamento: true, comunicazione: false, contatti: false },
    });
  });
  it('stops an empty or oversized file before sending it', () => {
    expect(scanFileProblem({ name: 'a.pdf', size: 0 })).toBe('Il file «a.pdf» è vuoto.');
    expect(scanFileProblem({ name: 'b.pdf', size: 12 * 1024 * 1024 })).toContain('troppo grande (12,0 MB)');
    expect(scanFileProblem({ name: 'c.pdf', size: 900_000 })).toBeNull();
    expect(formatBytes(900_000)).toBe('879 KB');
  });
  it('encodes bytes as base64 and back, also past one chunk', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(new TextEncoder().encode('%PDF-'))).toBe('JVBERi0=');
  });
});

describe("the Centro Servizi's lock", () => {
  const check = (state: LockCheck['state'], gestore: string | null = null) => ({ state, gestore, message: `messaggio ${state}` });
  it('blocks the registration of a patient another Gestore holds, naming him', () => {
    expect(lockNotice(check('elsewhere', 'Cooperativa Medici Lodi'), false)).toEqual({ tone: 'error', text: 'messaggio elsewhere', blocks: 'In carico ad altro Gestore: Cooperativa Medici Lodi', retry: false });
  });
  it('waits for the answer, then lets it go ahead when free, ours, offline or not configured', () => {
    expect(lockNotice(null, false).blocks).toMatch(/Attendere/);
    for (const state of ['free', 'ours', 'offline', 'not-configured'] as const) expect(lockNotice(check(state), false)).toMatchObject({ text: `messaggio ${state}`, blocks: null });
    expect(lockNotice(check('offline'), false)).toMatchObject({ tone: 'info', retry: true });
    expect(lockNotice(null, true)).toMatchObject({ tone: 'info', blocks: null, retry: true });
  });
  it('says plainly who holds a patient locked elsewhere, and what became of a registration made here', () => {
    expect(lockedElsewhereText({ otherGestore: 'Cooperativa Medici Lodi', registeredOn: null })).toEqual({
      title: 'In carico ad altro Gestore: Cooperativa Medici Lodi',
      detail: 'Il paziente non è arruolabile da questo studio.',
    });
    expect(lockedElsewhereText({ otherGestore: 'Cooperativa Medici Lodi', registeredOn: '2025-03-10' }).detail).toMatch(/registrazione fatta in questo studio il 10\/03\/2025 non vale/);
  });
});
