import { describe, expect, it } from 'vitest';
import type { SyncRunResult, SyncStatus } from '../../shared/contract/sync';
import { conflictValueLines, connection, elementLabel, markDifferences, nextRunText, pendingByKind, pendingTotalText, runResultText, settledText, syncIndicator, toVerify, whenText } from './sync';

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  configured: true,
  url: 'https://cs.example.it/fhir',
  online: true,
  running: false,
  lastSuccessAt: '2025-03-12T13:05:00.000Z',
  lastAttemptAt: '2025-03-12T13:05:00.000Z',
  nextRunAt: null,
  lastError: null,
  pending: [],
  pendingTotal: 0,
  attention: [],
  conflicts: [],
  ...over,
});

const held = { patientId: 1, patientName: 'ROSSI MARIO', codiceFiscale: 'RSSMRA58D12G388C', uid: 'u1', kind: 'patient' as const, createdAt: '2025-03-12T10:00:00.000Z', attempts: 1, reason: 'bad' };
const conflict = { patientId: 1, patientName: 'ROSSI MARIO', codiceFiscale: 'RSSMRA58D12G388C', id: 4, kind: 'patient' as const, resourceType: 'Patient', createdAt: '2025-03-12T10:00:00.000Z', fields: [] };

const run = (over: Partial<SyncRunResult> = {}): SyncRunResult => ({ pushed: 0, pulled: 0, conflicts: 0, needsAttention: 0, pending: 0, error: null, ...over });

describe('the state of the link', () => {
  it('tells apart not configured, never tried, offline, failing and online', () => {
    expect(connection(status({ configured: false, online: null }))).toEqual({ tone: 'off', state: 'non configurato' });
    expect(connection(status({ online: null }))).toEqual({ tone: 'off', state: 'non ancora contattato' });
    expect(connection(status({ online: false, lastError: { code: 'sync-offline', message: 'Il Centro Servizi non risponde' } }))).toEqual({ tone: 'warn', state: 'non raggiungibile' });
    expect(connection(status({ lastError: { code: 'sync-unauthorized', message: 'rifiuta le credenziali' } }))).toEqual({ tone: 'error', state: 'risponde con un errore' });
    expect(connection(status())).toEqual({ tone: 'ok', state: 'in linea' });
  });
});

describe('the status bar indicator', () => {
  it('says the link and what waits, in few words', () => {
    expect(syncIndicator(status({ pendingTotal: 3 }))).toMatchObject({ tone: 'ok', state: 'Centro Servizi: in linea', pending: '3 da inviare', verify: null });
    expect(syncIndicator(status({ online: false, pendingTotal: 1200 }))).toMatchObject({ tone: 'warn', state: 'Centro Servizi: non raggiungibile', pending: '1.200 da inviare' });
    expect(syncIndicator(status())).toMatchObject({ pending: null, verify: null, title: 'Centro Servizi: in linea · nulla da inviare' });
    expect(syncIndicator(status({ configured: false, online: null, pendingTotal: 17 }))).toEqual({ tone: 'off', state: 'Centro Servizi: non configurato', pending: null, verify: null, title: 'Centro Servizi: non configurato' });
  });
  it('marks what needs a person, and keeps the last error for the tooltip', () => {
    const s = status({ attention: [held], conflicts: [conflict], lastError: { code: 'sync-busy', message: 'Il Centro Servizi è occupato' } });
    expect(toVerify(s)).toBe(2);
    expect(syncIndicator(s)).toMatchObject({ tone: 'error', verify: '2 da verificare', title: 'Centro Servizi: risponde con un errore · 2 da verificare · nulla da inviare · Il Centro Servizi è occupato' });
  });
});

describe('the page texts', () => {
  it('counts what waits', () => {
    expect(pendingTotalText(0)).toBe('Nessun dato in attesa di invio');
    expect(pendingTotalText(1)).toBe('1 dato in attesa di invio');
    expect(pendingTotalText(2500)).toBe('2.500 dati in attesa di invio');
  });
  it('dates in the studio time, or never', () => {
    expect(whenText('2025-03-12T13:05:00.000Z')).toBe('12/03/2025 14:05');
    expect(whenText(null)).toBe('mai');
  });
  it('sums up a run, naming only what moved', () => {
    expect(runResultText(run({ pushed: 3, pulled: 1 }))).toBe('Sincronizzazione completata: inviati 3 dati, ricevuto 1 aggiornamento.');
    expect(runResultText(run({ pulled: 1200 }))).toBe('Sincronizzazione completata: ricevuti 1.200 aggiornamenti.');
    expect(runResultText(run())).toBe('Sincronizzazione completata: nulla da inviare né da ricevere.');
    expect(runResultText(run({ pushed: 1, pending: 1, conflicts: 1 }))).toBe('Sincronizzazione completata: inviato 1 dato. Resta 1 dato in attesa. 1 dato da verificare qui sotto.');
    expect(runResultText(run({ pending: 12, error: { code: 'sync-offline', message: 'non risponde' } }))).toBe('Sincronizzazione interrotta. Restano 12 dati in attesa.');
    expect(runResultText(run({ pushed: 2, pending: 10, error: { code: 'sync-busy', message: 'occupato' } }))).toBe('Sincronizzazione interrotta: inviati 2 dati. Restano 10 dati in attesa.');
  });
  it('says when the worker tries again by itself', () => {
    expect(nextRunText('2025-03-12T13:05:00.000Z')).toBe('non prima delle 14:05 del 12/03/2025');
  });
});

describe('the two versions of a conflict', () => {
  it('names the elements in Italian, unknown ones as they are', () => {
    expect(elementLabel('telecom')).toBe('Recapiti');
    expect(elementLabel('birthDate')).toBe('Data di nascita');
    expect(elementLabel('deceasedBoolean')).toBe('deceasedBoolean');
  });
  it('reads contact points, names, codings, extensions and dates', () => {
    expect(conflictValueLines(JSON.stringify([{ system: 'phone', value: '02 1234567', use: 'home' }, { system: 'phone', value: '347 1', use: 'mobile' }, { system: 'email', value: 'm@r.it' }]))).toEqual([
      'Telefono (casa): 02 1234567',
      'Telefono (cellulare): 347 1',
      'Email: m@r.it',
    ]);
    expect(conflictValueLines(JSON.stringify([{ system: 'https://pic-studio.it/fhir/codice-fiscale', value: 'RSSMRA58D12G388C' }]))).toEqual(['codice-fiscale: RSSMRA58D12G388C']);
    expect(conflictValueLines(JSON.stringify([{ family: 'ROSSI', given: ['MARIO', 'LUIGI'] }]))).toEqual(['Cognome: ROSSI', 'Nome: MARIO', 'Nome: LUIGI']);
    expect(conflictValueLines(JSON.stringify({ coding: [{ system: 'http://x/y', code: 'active', display: 'Attivo' }] }))).toEqual(['coding: Attivo']);
    expect(conflictValueLines(JSON.stringify([{ url: 'https://pic-studio.it/fhir/ext/livello', valueInteger: 2 }]))).toEqual(['livello: 2']);
    expect(conflictValueLines(JSON.stringify('1958-04-12'))).toEqual(['12/04/1958']);
    expect(conflictValueLines(JSON.stringify(true))).toEqual(['sì']);
    expect(conflictValueLines(JSON.stringify({ start: '2025-01-01', end: '2025-12-31' }))).toEqual(['Inizio: 01/01/2025', 'Fine: 31/12/2025']);
  });
  it('marks the lines the other side does not have', () => {
    expect(markDifferences(['Telefono (casa): 1', 'Telefono (cellulare): 2'], ['Telefono (casa): 9', 'Telefono (cellulare): 2'])).toEqual([
      { text: 'Telefono (casa): 1', differs: true },
      { text: 'Telefono (cellulare): 2', differs: false },
    ]);
  });
  it('has no line for a side without the element, and shows what it cannot read as it came', () => {
    expect(conflictValueLines('null')).toEqual([]);
    expect(conflictValueLines('{oops')).toEqual(['{oops']);
  });
});

describe('what waits, and what a person did', () => {
  it('orders the kinds as the contract does and leaves out the empty ones', () => {
    expect(pendingByKind([{ kind: 'booking', count: 2 }, { kind: 'patient', count: 5 }, { kind: 'call', count: 0 }])).toEqual([
      { kind: 'patient', label: 'Anagrafica', count: 5 },
      { kind: 'booking', label: 'Prenotazioni', count: 2 },
    ]);
  });
  it('says what a retry or a choice did', () => {
    expect(settledText('ROSSI MARIO', 'retry')).toBe('ROSSI MARIO: rimesso in coda, parte con la prossima sincronizzazione.');
    expect(settledText('ROSSI MARIO', 'server')).toMatch(/accettata la versione del Centro Servizi/);
  });
});
