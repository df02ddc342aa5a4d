import { describe, expect, it } from 'vitest';
import { computeCodiceFiscale, omocodeVariant } from '../../shared/domain/codiceFiscale';
import { planPatientSearch } from '../../shared/domain/patientSearch';
import { NotFoundError } from '../../shared/errors';
import { tempDir } from '../../test/support/tempDir';
import type { IncomingPatient } from './patientStore';
import { Store } from './store';

function patient(surname: string, givenName: string, birthDate: string, sex: 'M' | 'F', extra: Partial<IncomingPatient> = {}): IncomingPatient {
  return {
    codiceFiscale: computeCodiceFiscale({ surname, givenName, sex, birthDate, birthPlaceCode: 'G388' }),
    surname,
    givenName,
    birthDate,
    sex,
    birthPlaceCode: 'G388',
    phone: null,
    mobile: null,
    email: null,
    chronicLevel: 3,
    letters: [],
    pathologies: [],
    ...extra,
  };
}

const PEOPLE = [
  patient('Rossi', 'Mario', '1950-01-01', 'M', {
    letters: [{ type: 2, trancheDate: '2026-10-01', receivedAt: '2026-10-05', note: null }],
    pathologies: [{ code: 56, source: 'ats', confirmed: false, icd9: null }, { code: 50, source: 'icd9', confirmed: true, icd9: '250.00' }],
  }),
  patient('Rossini', 'Anna', '1948-05-05', 'F'),
  patient('Rosa', 'Bruno', '1940-02-02', 'M'),
  patient('De Luca', 'Giovanna', '1939-12-12', 'F'),
  patient("D'Amico", 'Nicolò', '1944-02-29', 'M'),
  patient('Bianchi', 'Rosa', '1955-03-03', 'F'),
];

function openWith(rows: IncomingPatient[]) {
  const store = Store.open(tempDir(), { now: () => new Date() });
  store.patients.insertNew(rows);
  return store;
}

const names = (store: Store, text: string, limit = 50) =>
  store.patients.search(planPatientSearch(text), limit).patients.map((p) => `${p.surname} ${p.givenName}`);

describe('patient store', () => {
  it('finds by surname prefix first, then by given name, in alphabetical order', () => {
    const store = openWith(PEOPLE);
    expect(names(store, 'ros')).toEqual(['Rosa Bruno', 'Rossi Mario', 'Rossini Anna', 'Bianchi Rosa']);
    store.close();
  });

  it('finds surname + name in either order, multi-word surnames, without accents or apostrophes', () => {
    const store = openWith(PEOPLE);
    expect(names(store, 'rossi mario')).toEqual(['Rossi Mario']);
    expect(names(store, 'mario rossi')).toEqual(['Rossi Mario']);
    expect(names(store, 'de luca')).toEqual(['De Luca Giovanna']);
    expect(names(store, 'DAMICO nicolo')).toEqual(["D'Amico Nicolò"]);
    expect(names(store, "d'amico")).toEqual(["D'Amico Nicolò"]);
    store.close();
  });

  it('finds by codice fiscale prefix and by full code, omocodes included', () => {
    const omocode = omocodeVariant(computeCodiceFiscale({ surname: 'Neri', givenName: 'Ugo', sex: 'M', birthDate: '1950-01-01', birthPlaceCode: 'G388' }), 2);
    const store = openWith([...PEOPLE, { ...patient('Neri', 'Ugo', '1950-01-01', 'M'), codiceFiscale: omocode }]);
    const rossi = PEOPLE[0]!.codiceFiscale;
    expect(names(store, rossi.slice(0, 9).toLowerCase())).toEqual(['Rossi Mario']);
    expect(names(store, rossi)).toEqual(['Rossi Mario']);
    expect(names(store, omocode)).toEqual(['Neri Ugo']);
    store.close();
  });

  it('says when there are more matches than shown', () => {
    const many = Array.from({ length: 30 }, (_, i) => patient('Rossi', 'Mario', `1950-01-${String(i + 1).padStart(2, '0')}`, 'M'));
    const store = openWith(many);
    const r = store.patients.search(planPatientSearch('rossi'), 10);
    expect(r.patients).toHaveLength(10);
    expect(r.truncated).toBe(true);
    expect(store.patients.search(planPatientSearch('rossi'), 30).truncated).toBe(false);
    store.close();
  });

  it('skips a codice fiscale already stored and keeps the first record untouched', () => {
    const store = openWith(PEOPLE);
    const again = { ...PEOPLE[0]!, surname: 'Cambiato' };
    expect(store.patients.insertNew([again, patient('Verdi', 'Luca', '1960-06-06', 'M')])).toEqual({ created: 1, skipped: 1 });
    expect(names(store, 'cambiato')).toEqual([]);
    expect(store.patients.count()).toBe(PEOPLE.length + 1);
    store.close();
  });

  it('writes nothing when one row of a batch is refused', () => {
    const store = openWith([]);
    const broken = { ...patient('Verdi', 'Luca', '1960-06-06', 'M'), chronicLevel: 7 as 3 };
    expect(() => store.patients.insertNew([patient('Bianchi', 'Ugo', '1950-01-01', 'M'), broken])).toThrow(/CHECK constraint/);
    expect(store.patients.count()).toBe(0);
    store.close();
  });

  it('returns the detail with letters and pathologies', () => {
    const store = openWith(PEOPLE);
    const id = store.patients.search(planPatientSearch('rossi mario'), 1).patients[0]!.id;
    const d = store.patients.get(id);
    expect(d).toMatchObject({ surname: 'Rossi', givenName: 'Mario', chronicLevel: 3, enrollment: null });
    expect(d.letters).toEqual([{ type: 2, trancheDate: '2026-10-01', receivedAt: '2026-10-05', note: null }]);
    expect(d.pathologies).toEqual(expect.arrayContaining([
      { code: 56, name: 'Ipertensione arteriosa', source: 'ats', confirmed: false },
      { code: 50, name: 'Diabete mellito tipo 2', source: 'icd9', confirmed: true },
    ]));
    expect(() => store.patients.get(99999)).toThrow(NotFoundError);
    store.close();
  });
});
