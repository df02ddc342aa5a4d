import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { Core } from '../core';
import { LetterDateInFutureError, PhoneRequiredError, recontactMessage } from './walkInService';

describe('the walk-in message', () => {
  it('agrees with the patient and writes card capitals as names', () => {
    expect(recontactMessage({ givenName: 'NICOLÒ', surname: "DELL'ACQUA", sex: 'M' })).toMatch(/^Grazie\. Nicolò Dell'Acqua sarà ricontattato dallo studio/);
    expect(recontactMessage({ givenName: 'Maria', surname: 'De Luca', sex: 'F' })).toMatch(/Maria De Luca sarà ricontattata/);
  });
});

describe("the studio's day decides what is future and past, not UTC's", () => {
  // 23:30 UTC on 31 December 2027: already 1 January 2028 in Rome.
  const clock = { now: () => new Date('2027-12-31T23:30:00Z') };
  let core: Core;
  afterEach(() => core.close());

  function withPatient(): number {
    core = new Core({ dataDir: tempDir(), clock });
    return core.services.patients.create(
      { codiceFiscale: 'RSSMRA58D12G388C', surname: 'Rossi', givenName: 'Mario', birthDate: '1958-04-12', sex: 'M', birthPlaceCode: null, phone: null, mobile: null, email: null, chronicLevel: 2 },
      null,
    ).id;
  }

  it('takes a letter dated today in Rome, refuses tomorrow, writing nothing', () => {
    const id = withPatient();
    expect(() => core.services.walkIn.record({ patientId: id, letterType: 2, letterDate: '2028-01-02', mobile: '333 1234567' }, null)).toThrow(LetterDateInFutureError);
    expect(core.services.patients.get(id).letters).toEqual([]);
    const saved = core.services.walkIn.record({ patientId: id, letterType: 2, letterDate: '2028-01-01', mobile: '333 1234567' }, null);
    expect(saved.patient.letters).toEqual([expect.objectContaining({ trancheDate: '2028-01-01', receivedAt: '2028-01-01' })]);
  });

  it('refuses an appointment or a call back on a day already gone in Rome', () => {
    const id = withPatient();
    core.services.walkIn.record({ patientId: id, letterType: 2, letterDate: '2027-12-20', mobile: '333 1234567' }, null);
    expect(() => core.services.calls.record({ patientId: id, outcome: 'appointment', date: '2027-12-31' }, null)).toThrow(expect.objectContaining({ code: 'date-in-past' }));
    expect(() => core.services.calls.record({ patientId: id, outcome: 'call_back', date: '2027-12-31' }, null)).toThrow(expect.objectContaining({ code: 'date-in-past' }));
    expect(core.services.calls.record({ patientId: id, outcome: 'appointment', date: '2028-01-01', time: '09:00' }, null)).toEqual({ entry: null });
    expect(core.services.calls.agenda('2028-01-01').appointments).toEqual([expect.objectContaining({ patientId: id, time: '09:00' })]);
  });
});

describe('a walk-in at the desk', () => {
  let core: Core;
  afterEach(() => core.close());
  const clock = { now: () => new Date('2026-12-01T09:00:00Z') };

  function imported(letter: { type: 2 | 3; trancheDate: string | null } | null, phone: string | null = null): number {
    core = new Core({ dataDir: tempDir(), clock });
    core.store.patients.insertNew([
      {
        codiceFiscale: 'RSSMRA58D12G388C', surname: 'ROSSI', givenName: 'MARIO', birthDate: '1958-04-12', sex: 'M', birthPlaceCode: null, phone, mobile: null, email: null, chronicLevel: 3,
        letters: letter ? [{ ...letter, receivedAt: null, note: null }] : [],
        pathologies: [],
      },
    ]);
    return core.store.patients.idByCodiceFiscale('RSSMRA58D12G388C')!;
  }

  it('needs a number to call the patient back, typed now or on record, and writes nothing without', () => {
    const id = imported(null);
    expect(() => core.services.walkIn.record({ patientId: id, letterType: 2, letterDate: '2026-11-02' }, null)).toThrow(PhoneRequiredError);
    expect(core.services.patients.get(id).letters).toEqual([]);
    expect(core.services.enrollment.get(id)).toBeNull();
    const withPhone = imported(null, '0382 123456');
    expect(core.services.walkIn.record({ patientId: withPhone, letterType: 2, letterDate: '2026-11-02' }, null).patient.letters).toHaveLength(1);
  });

  it('marks the letter the ATS list announced as brought, instead of adding a second one', () => {
    const id = imported({ type: 2, trancheDate: null });
    const r = core.services.walkIn.record({ patientId: id, letterType: 2, letterDate: '2026-11-02', mobile: '333 1234567' }, null);
    expect(r.patient.letters).toEqual([expect.objectContaining({ type: 2, trancheDate: '2026-11-02', receivedAt: '2026-12-01' })]);
    // Another type is another letter.
    const other = core.services.walkIn.record({ patientId: id, letterType: 3, letterDate: '2026-11-20' }, null);
    expect(other.patient.letters.map((l) => l.type).sort()).toEqual([2, 3]);
  });

  it('tells a patient already registered or enrolled the truth, not that he will be called', () => {
    const who = { givenName: 'MARIA', surname: 'BIANCHI', sex: 'F' as const };
    expect(recontactMessage(who, { state: 'registered', deadline: '2026-12-08', periodEnd: null })).toBe(
      'Grazie. Maria Bianchi è già registrata nella Presa in Carico: restano da firmare il Patto di Cura e il consenso privacy entro il 08/12/2026.',
    );
    expect(recontactMessage(who, { state: 'enrolled', deadline: null, periodEnd: '2027-11-26' })).toBe(
      'Grazie. Maria Bianchi è già arruolata nella Presa in Carico (Patto di Cura valido fino al 26/11/2027): non serve un nuovo appuntamento.',
    );
    expect(recontactMessage(who, { state: 'candidate', deadline: null, periodEnd: null })).toMatch(/sarà ricontattata dallo studio/);
  });
});

