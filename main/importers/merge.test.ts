import { describe, expect, it } from 'vitest';
import { computeCodiceFiscale, omocodeVariant } from '../../shared/domain/codiceFiscale';
import { planRecord, type ExistingPatient } from './merge';

const TODAY = '2026-11-23';
const CF_BIRTH = '1950-01-01';
const CF = computeCodiceFiscale({ surname: 'Rossi', givenName: 'Mario', sex: 'M', birthDate: CF_BIRTH, birthPlaceCode: 'G388' });

const existing = (over: Partial<ExistingPatient> = {}): ExistingPatient => ({
  id: 7,
  codiceFiscale: CF,
  surname: 'Rossi',
  givenName: 'Mario',
  birthDate: '1950-01-01',
  sex: 'M',
  phone: null,
  mobile: '347 1111111',
  email: null,
  chronicLevel: 2,
  chronicLevelConfirmed: false,
  pathologyCodes: [56],
  letters: [{ type: 3, trancheDate: '2026-10-01' }],
  therapies: ['Ramipril 5 mg'],
  exemptions: [],
  ...over,
});

describe('planning one imported record', () => {
  it('creates a new patient, deriving sex and birth date from the codice fiscale when missing', () => {
    const plan = planRecord({ codiceFiscale: ` ${CF.toLowerCase()} `, surname: 'Rossi', givenName: 'Mario', chronicLevel: 3, problems: [{ icd9: '250.00' }, { icd9: '401.9' }] }, null, TODAY);
    expect(plan).toMatchObject({
      kind: 'create',
      fields: { codiceFiscale: CF, birthDate: '1950-01-01', sex: 'M', chronicLevel: 3 },
      pathologies: [
        { code: 50, source: 'icd9', icd9: '250.00' },
        { code: 56, source: 'icd9', icd9: '401.9' },
      ],
    });
  });

  it('suggests pathologies from ICD-10 diagnoses too, without repeating one already suggested', () => {
    const plan = planRecord({ codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', problems: [{ icd10: 'I50.9' }, { icd10: 'J44.9' }, { icd9: '428.0' }] }, null, TODAY);
    expect(plan.kind === 'create' && plan.pathologies).toEqual([
      { code: 20, source: 'icd9', icd9: '428.0' },
      { code: 39, source: 'icd10', icd9: 'J44.9' },
    ]);
  });

  it('is idempotent: the same data again changes nothing', () => {
    const again = planRecord(
      { codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', birthDate: '1950-01-01', mobile: '347 1111111', chronicLevel: 2, pathologies: [56], letter: { type: 3, date: '2026-10-01' }, therapies: [{ description: 'Ramipril 5 mg' }] },
      existing(),
      TODAY,
    );
    expect(again).toEqual({ kind: 'unchanged', codiceFiscale: CF });
  });

  it('updates what changed, keeps the previous values for undo, and never erases with blanks', () => {
    const plan = planRecord({ codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', mobile: '333 2222222', phone: '', email: null, chronicLevel: 1, pathologies: [20] }, existing(), TODAY);
    expect(plan).toMatchObject({
      kind: 'update',
      patientId: 7,
      fields: { mobile: '333 2222222', chronicLevel: 1 },
      before: { mobile: '347 1111111', chronicLevel: 2 },
      pathologies: [{ code: 20, source: 'ats' }],
    });
  });

  it('rejects with an Italian reason what cannot be right', () => {
    const reason = (p: Parameters<typeof planRecord>[0], e: ExistingPatient | null = null) => {
      const plan = planRecord(p, e, TODAY);
      return plan.kind === 'reject' ? plan.reason : null;
    };
    expect(reason({ codiceFiscale: 'RSSMRA50A01G388X', surname: 'Rossi', givenName: 'Mario' })).toMatch(/Codice fiscale "RSSMRA50A01G388X" non valido: .*carattere di controllo/);
    expect(reason({ codiceFiscale: '', surname: 'Rossi', givenName: 'Mario' })).toMatch(/non valido/);
    expect(reason({ codiceFiscale: CF, surname: 'Rossi' })).toMatch(/Cognome o nome mancante/);
    expect(reason({ codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', sex: 'F' })).toMatch(/sesso/);
    expect(reason({ codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', birthDate: '1951-01-01' })).toMatch(/data di nascita/);
    expect(reason({ codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', birthDate: '1950-02-30' })).toMatch(/non valida/);
    expect(reason({ codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', chronicLevel: 5 as 3 })).toMatch(/Livello/);
    // Same two-digit year as the codice fiscale, but a century later (future) or earlier (before 1900).
    const [yy, mmdd] = [CF_BIRTH.slice(2, 4), CF_BIRTH.slice(4)];
    expect(reason({ codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', birthDate: `21${yy}${mmdd}` })).toMatch(/è nel futuro/);
    expect(reason({ codiceFiscale: CF, surname: 'Rossi', givenName: 'Mario', birthDate: `18${yy}${mmdd}` })).toMatch(/anteriore al 1900/);
    // A known patient may come with the codice fiscale only.
    expect(planRecord({ codiceFiscale: CF }, existing(), TODAY).kind).toBe('unchanged');
  });

  it('accepts omocodes and keeps a letter that came without a date undated, not dated by the import', () => {
    const omocode = omocodeVariant(CF, 3);
    expect(planRecord({ codiceFiscale: omocode, surname: 'Rossi', givenName: 'Mario', letter: { type: 2 } }, null, TODAY)).toMatchObject({
      kind: 'create',
      fields: { codiceFiscale: omocode, birthDate: '1950-01-01' },
      letter: { type: 2, trancheDate: null },
    });
  });

  it("never changes a level the MMG confirmed", () => {
    expect(planRecord({ codiceFiscale: CF, chronicLevel: 3 }, existing({ chronicLevelConfirmed: true }), TODAY).kind).toBe('unchanged');
    expect(planRecord({ codiceFiscale: CF, chronicLevel: 3 }, existing(), TODAY)).toMatchObject({ kind: 'update', fields: { chronicLevel: 3 }, before: { chronicLevel: 2 } });
  });
});
