import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { Core } from '../core';
import { LetterDateInFutureError, recontactMessage } from './walkInService';

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
    expect(() => core.services.walkIn.record({ patientId: id, letterType: 2, letterDate: '2028-01-02' }, null)).toThrow(LetterDateInFutureError);
    expect(core.services.patients.get(id).letters).toEqual([]);
    const saved = core.services.walkIn.record({ patientId: id, letterType: 2, letterDate: '2028-01-01' }, null);
    expect(saved.patient.letters).toEqual([expect.objectContaining({ trancheDate: '2028-01-01', receivedAt: '2028-01-01' })]);
  });

  it('refuses an appointment or a call back on a day already gone in Rome', () => {
    const id = withPatient();
    core.services.walkIn.record({ patientId: id, letterType: 2, letterDate: '2027-12-20' }, null);
    expect(() => core.services.calls.record({ patientId: id, outcome: 'appointment', date: '2027-12-31' }, null)).toThrow(expect.objectContaining({ code: 'date-in-past' }));
    expect(() => core.services.calls.record({ patientId: id, outcome: 'call_back', date: '2027-12-31' }, null)).toThrow(expect.objectContaining({ code: 'date-in-past' }));
    expect(core.services.calls.record({ patientId: id, outcome: 'appointment', date: '2028-01-01', time: '09:00' }, null)).toEqual({ entry: null });
    expect(core.services.calls.agenda('2028-01-01').appointments).toEqual([expect.objectContaining({ patientId: id, time: '09:00' })]);
  });
});
