import { describe, expect, it } from 'vitest';
import { fhirProblems } from '../../../test/support/fhirValidation';
import { MMG_CF } from '../../../test/support/paiFixtures';
import { aPatient, ctx, PATIENT_CF, provider, studio } from '../../../test/support/syncRecords';
import { ids } from '../fhirIds';
import { DEFAULT_SYSTEMS } from '../systems';
import { FhirMappingError } from './errors';
import { gestoreToFhir, practitionerToFhir, providerToFhir } from './organizations';
import { patientFromFhir, patientToFhir } from './patient';

const STUDIO_TAG = [{ system: 'https://pic-studio.it/fhir/studio', code: MMG_CF }];

describe('Patient', () => {
  it('is valid R4 with the codice fiscale, the birthplace coded by its cadastral code and the three contacts', () => {
    const p = patientToFhir(aPatient(), ctx);
    expect(fhirProblems(p)).toEqual([]);
    expect(p).toMatchObject({
      id: ids.patient(PATIENT_CF),
      meta: { tag: STUDIO_TAG },
      identifier: [{ system: 'http://hl7.it/sid/codiceFiscale', value: PATIENT_CF }],
      name: [{ family: 'Verdi', given: ['Giuseppe'] }],
      gender: 'male',
      birthDate: '1950-01-01',
      extension: [{ url: 'http://hl7.it/fhir/StructureDefinition/patient-codeableBirthPlace', valueCodeableConcept: { coding: [{ system: DEFAULT_SYSTEMS.municipality, code: 'F205' }] } }],
    });
    expect(p.telecom).toEqual([
      { system: 'phone', value: '0382 654321', use: 'home' },
      { system: 'phone', value: '333 1234567', use: 'mobile' },
      { system: 'email', value: 'giuseppe.verdi@example.it' },
    ]);
    expect(patientToFhir(aPatient({ sex: 'F' }), ctx).gender).toBe('female');
  });

  it('leaves out what the record does not know, so no empty element is written', () => {
    const p = patientToFhir(aPatient({ birthPlaceCode: null, phone: null, mobile: '', email: null }), ctx);
    expect(fhirProblems(p)).toEqual([]);
    expect(p.telecom).toBeUndefined();
    expect(p.extension).toBeUndefined();
  });

  it('reads back what it wrote', () => {
    for (const record of [aPatient(), aPatient({ sex: 'F', birthPlaceCode: null, phone: null, mobile: null, email: null })]) {
      const { chronicLevel: _l, pathologies: _p, ...demographics } = record;
      expect(patientFromFhir(patientToFhir(record, ctx), DEFAULT_SYSTEMS)).toEqual(demographics);
    }
  });

  it('reads the codice fiscale under the OID older senders use, and the first name when none is official', () => {
    const sent = {
      resourceType: 'Patient',
      identifier: [{ system: 'urn:oid:2.16.840.1.113883.2.9.4.3.2', value: 'bnclra48m52g388s' }],
      name: [{ family: 'Bianchi', given: ['Laura', 'Maria'] }],
      gender: 'female',
      birthDate: '1948-08-12',
      telecom: [{ system: 'phone', value: '339 7654321', use: 'mobile' }],
    };
    expect(patientFromFhir(sent, DEFAULT_SYSTEMS)).toEqual({
      codiceFiscale: 'BNCLRA48M52G388S',
      surname: 'Bianchi',
      givenName: 'Laura Maria',
      birthDate: '1948-08-12',
      sex: 'F',
      birthPlaceCode: null,
      phone: null,
      mobile: '339 7654321',
      email: null,
    });
  });

  it('refuses what does not make a patient', () => {
    const good = patientToFhir(aPatient(), ctx);
    const bad: unknown[] = [
      null,
      'Patient',
      { ...good, resourceType: 'Practitioner' },
      { ...good, identifier: [{ system: 'http://example.org/other-id', value: PATIENT_CF }] },
      { ...good, identifier: [{ system: 'http://hl7.it/sid/codiceFiscale', value: 'VRDGPP50A01F205X' }] },
      { ...good, gender: 'unknown' },
      { ...good, birthDate: undefined },
      { ...good, birthDate: '1950-02-30' },
      { ...good, name: [{ given: ['Giuseppe'] }] },
      { ...good, name: 'Verdi' },
    ];
    for (const resource of bad) expect(() => patientFromFhir(resource, DEFAULT_SYSTEMS), JSON.stringify(resource)).toThrow(FhirMappingError);
  });
});

describe('Practitioner and Organizations', () => {
  it('writes the MMG with his codice fiscale and the studio as his workplace', () => {
    const mmg = practitionerToFhir(ctx);
    expect(fhirProblems(mmg)).toEqual([]);
    expect(mmg).toMatchObject({
      id: ids.practitioner(MMG_CF),
      meta: { tag: STUDIO_TAG },
      identifier: [{ system: 'http://hl7.it/sid/codiceFiscale', value: MMG_CF }],
      name: [{ text: 'Dott. Mario Rossi' }],
      telecom: [{ system: 'phone', value: '0382 123456' }],
      address: [{ text: 'Via Roma 12, 27100 Pavia' }],
    });
    expect(fhirProblems(practitionerToFhir({ ...ctx, studio: { ...studio, address: '', phone: '' } }))).toEqual([]);
  });

  it('writes the Gestore and the providers under their own identifier systems', () => {
    const gestore = gestoreToFhir(studio.gestore, ctx);
    const erogatore = providerToFhir(provider, ctx);
    const bare = providerToFhir({ ...provider, address: null, phone: null }, ctx);
    for (const r of [gestore, erogatore, bare]) expect(fhirProblems(r)).toEqual([]);
    expect(gestore).toMatchObject({ id: ids.gestore('CMMC'), meta: { tag: STUDIO_TAG }, identifier: [{ system: 'https://pic-studio.it/fhir/gestore', value: 'CMMC' }], name: 'Cooperativa Medici Milano Centro' });
    expect(erogatore).toMatchObject({
      id: ids.provider('asst-pavia'),
      identifier: [{ system: 'https://pic-studio.it/fhir/erogatore', value: 'asst-pavia' }],
      name: 'ASST DI PAVIA',
      telecom: [{ value: '0382 1234' }],
      address: [{ text: 'Viale Repubblica 34, 27100 Pavia' }],
    });
    expect(bare.address).toBeUndefined();
  });
});
