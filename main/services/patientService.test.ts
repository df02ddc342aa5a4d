import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { Core } from '../core';

const clock = { now: () => new Date('2026-12-01T09:00:00Z') };
const MMG = 'BNCGLI75A41F205I';
let core: Core;
afterEach(() => core?.close());

function withImportedPatient(): number {
  core = new Core({ dataDir: tempDir(), clock });
  core.store.patients.insertNew([
    {
      codiceFiscale: 'RSSMRA58D12G388C', surname: 'Rossi', givenName: 'Mario', birthDate: '1958-04-12', sex: 'M', birthPlaceCode: 'G388', phone: null, mobile: null, email: null, chronicLevel: 3,
      letters: [],
      pathologies: [
        { code: 56, source: 'ats', confirmed: false, icd9: null },
        { code: 50, source: 'icd9', confirmed: false, icd9: '250.00' },
      ],
    },
  ]);
  return core.store.patients.idByCodiceFiscale('RSSMRA58D12G388C')!;
}

describe("the MMG's decisions on the patient's page", () => {
  it('confirms or changes the level, audited, and no list changes it afterwards', async () => {
    const id = withImportedPatient();
    expect(core.services.patients.get(id)).toMatchObject({ chronicLevel: 3, chronicLevelConfirmed: false });
    expect(core.services.patients.setLevel(id, 2, MMG)).toMatchObject({ chronicLevel: 2, chronicLevelConfirmed: true });
    expect(core.services.patients.auditTrail(id).at(-1)).toMatchObject({ action: 'patient.level', operatorCf: MMG, detail: { from: 3, to: 2 } });
    const plan = (await import('../importers/merge')).planRecord;
    const stored = core.store.imports.byCodiceFiscale('RSSMRA58D12G388C')!;
    expect(plan({ codiceFiscale: 'RSSMRA58D12G388C', chronicLevel: 1 }, { ...stored, pathologyCodes: [], letters: [], therapies: [], exemptions: [] }, '2026-12-01').kind).toBe('unchanged');
  });

  it('keeps the pathologies he confirms, adds his, removes the others, audited', () => {
    const id = withImportedPatient();
    const after = core.services.patients.setPathologies(id, [56, 29, 29], MMG);
    expect(after.pathologies.map((p) => ({ code: p.code, source: p.source, confirmed: p.confirmed })).sort((a, b) => a.code - b.code)).toEqual([
      { code: 29, source: 'mmg', confirmed: true },
      { code: 56, source: 'ats', confirmed: true },
    ]);
    expect(core.services.patients.auditTrail(id).at(-1)).toMatchObject({ action: 'patient.pathologies', detail: { confirmed: [56, 29], added: [29], removed: [50] } });
    expect(() => core.services.patients.setPathologies(id, [999], MMG)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(core.services.patients.get(id).pathologies).toHaveLength(2);
  });

  it('names the operators in the audit trail once they have logged in', () => {
    const id = withImportedPatient();
    core.services.patients.setLevel(id, 3, MMG);
    expect(core.services.patients.auditTrail(id).at(-1)).toMatchObject({ operatorCf: MMG, operatorName: null });
    core.store.operators.put(MMG, 'BIANCHI GIULIA', 'mmg', clock.now().toISOString());
    expect(core.services.patients.auditTrail(id).at(-1)).toMatchObject({ operatorCf: MMG, operatorName: 'BIANCHI GIULIA' });
  });
});

describe('a patient typed in by hand', () => {
  it('refuses a birth date in the future or before 1900, even when the codice fiscale agrees to the year', () => {
    core = new Core({ dataDir: tempDir(), clock });
    const typed = { codiceFiscale: 'RSSMRA58D12G388C', surname: 'Rossi', givenName: 'Mario', sex: 'M' as const, birthPlaceCode: null, phone: null, mobile: null, email: null, chronicLevel: null };
    expect(() => core.services.patients.create({ ...typed, birthDate: '2058-04-12' }, MMG)).toThrow(expect.objectContaining({ code: 'invalid-birth-date', userMessage: expect.stringMatching(/nel futuro/) }));
    expect(() => core.services.patients.create({ ...typed, birthDate: '1858-04-12' }, MMG)).toThrow(expect.objectContaining({ code: 'invalid-birth-date', userMessage: expect.stringMatching(/anteriore al 1900/) }));
    expect(core.services.patients.create({ ...typed, birthDate: '1958-04-12' }, MMG).birthDate).toBe('1958-04-12');
  });
});
