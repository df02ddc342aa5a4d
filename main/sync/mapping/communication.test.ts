import { describe, expect, it } from 'vitest';
import { fhirProblems } from '../../../test/support/fhirValidation';
import { MMG_CF } from '../../../test/support/paiFixtures';
import { ctx, PATIENT_CF } from '../../../test/support/syncRecords';
import { ids } from '../fhirIds';
import { DEFAULT_SYSTEMS } from '../systems';
import { callAttemptFromFhir, callAttemptToFhir, letterFromFhir, letterToFhir } from './communication';
import { FhirMappingError } from './errors';
import type { CallAttemptRecord, LetterRecord } from './records';

const letter: LetterRecord = { codiceFiscale: PATIENT_CF, type: 2, trancheDate: '2025-01-20', receivedAt: '2025-02-03', note: 'Portata dalla figlia' };
const call: CallAttemptRecord = {
  codiceFiscale: PATIENT_CF,
  at: '2025-02-05T09:12:30.000Z',
  outcome: 'appointment',
  callbackAt: '2025-02-12',
  appointmentTime: '10:30',
  note: 'Verrà con la moglie',
  operatorCf: 'BNCGLI75A41F205I',
};

describe('Communication: ATS letters', () => {
  it('writes the letter as valid R4, its type as topic, its dates as sent and received', () => {
    const c = letterToFhir(letter, ctx);
    expect(fhirProblems(c)).toEqual([]);
    expect(c).toMatchObject({
      id: ids.letter(PATIENT_CF, 2, '2025-01-20'),
      meta: { tag: [{ system: 'https://pic-studio.it/fhir/studio', code: MMG_CF }] },
      identifier: [{ system: 'https://pic-studio.it/fhir/lettera-ats', value: `${PATIENT_CF}-2-2025-01-20` }],
      status: 'completed',
      category: [{ text: 'Lettera ATS' }],
      subject: { reference: `Patient/${ids.patient(PATIENT_CF)}` },
      topic: { coding: [{ system: 'https://pic-studio.it/fhir/CodeSystem/tipo-lettera-ats', code: '2' }] },
      sent: '2025-01-20',
      received: '2025-02-03',
      payload: [{ contentString: 'Tipo 2 - livello 3, MMG aderente: il medico è il riferimento' }],
      note: [{ text: 'Portata dalla figlia' }],
    });
  });

  it('reads back what it wrote, a letter without dates or note too', () => {
    const bare: LetterRecord = { codiceFiscale: PATIENT_CF, type: 4, trancheDate: null, receivedAt: null, note: null };
    for (const record of [letter, bare]) {
      const c = letterToFhir(record, ctx);
      expect(fhirProblems(c)).toEqual([]);
      expect(letterFromFhir(c, DEFAULT_SYSTEMS)).toEqual(record);
    }
    expect(letterToFhir(bare, ctx).identifier?.[0]?.value).toBe(`${PATIENT_CF}-4`);
  });

  it('refuses what is no letter of ours', () => {
    const good = letterToFhir(letter, ctx);
    const bad: unknown[] = [
      { ...good, resourceType: 'CommunicationRequest' },
      callAttemptToFhir(call, ctx),
      { ...good, topic: { coding: [{ system: 'https://pic-studio.it/fhir/CodeSystem/tipo-lettera-ats', code: '7' }] } },
      { ...good, topic: undefined },
      { ...good, sent: '20/01/2025' },
      { ...good, subject: { reference: 'Patient/1' } },
    ];
    for (const resource of bad) expect(() => letterFromFhir(resource, DEFAULT_SYSTEMS), JSON.stringify(resource).slice(0, 120)).toThrow(FhirMappingError);
  });
});

describe('Communication: call attempts', () => {
  it('writes the call as a completed phone communication, what came of it in our extension', () => {
    const c = callAttemptToFhir(call, ctx);
    expect(fhirProblems(c)).toEqual([]);
    expect(c).toMatchObject({
      id: ids.callAttempt(PATIENT_CF, call.at),
      identifier: [{ system: 'https://pic-studio.it/fhir/chiamata', value: `${PATIENT_CF}-${call.at}` }],
      status: 'completed',
      category: [{ text: 'Chiamata' }],
      medium: [{ coding: [{ code: 'PHONE' }] }],
      sent: call.at,
      payload: [{ contentString: 'Appuntamento fissato' }],
    });
    expect(c.extension?.[0]).toEqual({
      url: 'https://pic-studio.it/fhir/StructureDefinition/call-attempt',
      extension: [
        { url: 'outcome', valueCode: 'appointment' },
        { url: 'callbackAt', valueDate: '2025-02-12' },
        { url: 'appointmentTime', valueTime: '10:30:00' },
        { url: 'operator', valueIdentifier: { system: 'http://hl7.it/sid/codiceFiscale', value: 'BNCGLI75A41F205I' } },
      ],
    });
  });

  it('reads back what it wrote, an unanswered call without details too', () => {
    const unanswered: CallAttemptRecord = { ...call, outcome: 'no_answer', callbackAt: null, appointmentTime: null, note: null, operatorCf: null };
    for (const record of [call, unanswered]) {
      const c = callAttemptToFhir(record, ctx);
      expect(fhirProblems(c)).toEqual([]);
      expect(callAttemptFromFhir(c, DEFAULT_SYSTEMS)).toEqual(record);
    }
  });

  it('refuses what is no call of ours', () => {
    const good = callAttemptToFhir(call, ctx);
    const details = good.extension?.[0]?.extension ?? [];
    const withDetails = (extension: unknown[]) => ({ ...good, extension: [{ url: 'https://pic-studio.it/fhir/StructureDefinition/call-attempt', extension }] });
    const bad: unknown[] = [
      letterToFhir(letter, ctx),
      { ...good, extension: undefined },
      withDetails(details.filter((d) => d.url !== 'outcome')),
      withDetails([{ url: 'outcome', valueCode: 'hung_up' }]),
      withDetails([{ url: 'outcome', valueCode: 'appointment' }, { url: 'appointmentTime', valueTime: '25:00:00' }]),
      { ...good, sent: undefined },
      { ...good, sent: '2025-02-05' },
    ];
    for (const resource of bad) expect(() => callAttemptFromFhir(resource, DEFAULT_SYSTEMS), JSON.stringify(resource).slice(0, 120)).toThrow(FhirMappingError);
  });
});
