import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { planRecord } from '../merge';
import { fhirBundleAdapter, MAX_BUNDLE_BYTES } from './fhirBundle';
import { MAX_JSON_DEPTH, MAX_JSON_VALUES } from './jsonShape';
import { collect, context, fixture, patients, rejects, rejectsWith, tempDir, writeTemp } from '../../../test/doubles/importFiles';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const read = (file: string) => collect(fhirBundleAdapter.read({ path: file }, context()));
const bundleOf = (entries: unknown[]) => JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries });
const cf = (value: string, system = 'http://hl7.it/sid/codiceFiscale') => ({ system, value });

describe('fhir-bundle: the fixture', () => {
  it('maps the five patients, identified by CF in both systems', async () => {
    const items = await read(fixture('bundle.json'));
    expect(rejects(items)).toEqual([]);
    expect(patients(items).map((i) => [i.row, i.patient.codiceFiscale, i.patient.surname, i.patient.givenName, i.patient.birthDate, i.patient.sex])).toEqual([
      ['Patient/p1', 'DLLNCL90S03F205K', "DELL'ACQUA", 'NICOLÒ', '1990-11-03', 'M'],
      ['Patient/p2', 'PREGSI50C07G388A', 'PERÙ', 'GIOSUÈ', '1950-03-07', 'M'],
      ['Patient/p3', 'CLMNMR47E52L872D', 'COLOMBO', 'ANNA MARIA', '1947-05-12', 'F'],
      ['Patient/p4', 'SLAFNC51C19G388C', 'SALA', 'FRANCO', '1951-03-19', 'M'],
      ['Patient/p5', 'GLLRRT72B29B201S', 'GALLI', 'ROBERTO', '1972-02-29', 'M'],
    ]);
    for (const p of patients(items)) expect(planRecord(p.patient, null, '2024-05-02').kind).toBe('create');
  });

  it('reads telecom: phone, mobile (use mobile), email', async () => {
    const [nicolo, , anna] = patients(await read(fixture('bundle.json')));
    expect(nicolo?.patient).toMatchObject({ phone: '0382 123456', mobile: '333 1234567', email: 'nicolo@example.it' });
    expect(anna?.patient.mobile).toBe('347 7654321');
    expect(anna?.patient.phone).toBeUndefined();
  });

  it('links Conditions by URL, urn:uuid and Patient/id; ICD9-CM and ICD-10; inactive ones skipped', async () => {
    const problems = patients(await read(fixture('bundle.json'))).map((i) => i.patient.problems);
    expect(problems).toEqual([
      [
        { icd9: '250.00', description: 'Diabete mellito tipo II', since: '2015-06-01' },
        { icd10: 'I10', description: 'Ipertensione essenziale', since: '2019-01-10' },
      ],
      [
        { icd10: 'I50.9', description: 'Scompenso cardiaco', since: '2020-02-15' },
        { icd9: '401.9', description: 'Ipertensione', since: '2019-01-10' },
      ],
      // The resolved pneumonia (486) is left out.
      [{ icd10: 'J44.9', description: 'BPCO', since: '2019-01-10' }],
      [{ icd9: '585.3', description: 'Insufficienza renale cronica stadio III', since: '2019-01-10' }],
      // The inactive atrial fibrillation (I48.0) is left out.
      [{ icd10: 'E11.65', description: 'Diabete tipo 2 con iperglicemia', since: '2019-01-10' }],
    ]);
  });

  it('detects bundles and previews them', async () => {
    const ctx = context();
    expect(await fhirBundleAdapter.detect({ path: fixture('bundle.json') }, ctx)).toEqual({ match: true, reason: 'Bundle FHIR con pazienti.' });
    expect((await fhirBundleAdapter.detect({ path: fixture('ats-list-1252.csv') }, ctx)).match).toBe(false);
    expect((await fhirBundleAdapter.detect({ path: `${dir}/nessuno.json` }, ctx)).match).toBe(false);
    const { items, warnings } = await fhirBundleAdapter.preview({ path: fixture('bundle.json') }, 2, ctx);
    expect(items.map((i) => i.row)).toEqual(['Patient/p1', 'Patient/p2']);
    expect(warnings).toEqual([]);
    const size = fs.statSync(fixture('bundle.json')).size;
    expect(ctx.sizes.at(-1)).toEqual([size, size]);
  });
});

describe('fhir-bundle: details', () => {
  it('accepts the CF OID with or without urn:oid:, and regional ".../codiceFiscale" systems', async () => {
    const file = writeTemp(
      dir,
      'oid.json',
      bundleOf([
        { resource: { resourceType: 'Patient', id: 'a', identifier: [cf('pregsi50c07g388a', 'urn:oid:2.16.840.1.113883.2.9.4.3.2')] } },
        { resource: { resourceType: 'Patient', id: 'b', identifier: [cf('CLMNMR47E52L872D', '2.16.840.1.113883.2.9.4.3.2')] } },
        { resource: { resourceType: 'Patient', id: 'c', identifier: [cf('SLAFNC51C19G388C', 'https://fhir.regione.example.it/sid/codiceFiscale')] } },
        { resource: { resourceType: 'Patient', id: 'd', identifier: [{ system: 'https://example.it/sid/tessera', value: '80380000' }] } },
      ]),
    );
    const items = await read(file);
    expect(items.map((i) => (i.kind === 'patient' ? i.patient.codiceFiscale : i.reason))).toEqual([
      'PREGSI50C07G388A',
      'CLMNMR47E52L872D',
      'SLAFNC51C19G388C',
      'Patient/d: nessun identificativo con il codice fiscale (sistema http://hl7.it/sid/codiceFiscale): paziente scartato.',
    ]);
  });

  it('links Conditions by CF identifier, skips refuted ones and uncoded ones with a warning, counts orphans', async () => {
    const file = writeTemp(
      dir,
      'cond.json',
      bundleOf([
        { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient', identifier: [cf('PREGSI50C07G388A')], deceasedBoolean: false } },
        { resource: { resourceType: 'Condition', subject: { identifier: cf('PREGSI50C07G388A') }, code: { coding: [{ system: 'urn:oid:2.16.840.1.113883.6.2', code: '42800' }] } } },
        { resource: { resourceType: 'Condition', subject: { reference: 'urn:uuid:1' }, verificationStatus: { coding: [{ code: 'refuted' }] }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-9-cm', code: '401.9' }] } } },
        { resource: { resourceType: 'Condition', subject: { reference: 'urn:uuid:1' }, code: { text: 'Dolore lombare' } } },
        { resource: { resourceType: 'Condition', subject: { reference: 'urn:uuid:1' }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'n183' }] }, onsetPeriod: { start: '2010-05' } } },
        { resource: { resourceType: 'Condition', subject: { reference: 'Patient/altro' }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10' }] } } },
      ]),
    );
    const { items, warnings } = await fhirBundleAdapter.preview({ path: file }, 10, context());
    expect(items).toEqual([
      {
        kind: 'patient',
        row: 'urn:uuid:1',
        patient: {
          codiceFiscale: 'PREGSI50C07G388A',
          problems: [
            { icd9: '428.00', description: null, since: null },
            { icd10: 'N18.3', description: null, since: null },
          ],
        },
        warnings: ['1 diagnosi senza codice ICD9-CM o ICD-10: ignorata.'],
      },
    ]);
    expect(warnings).toEqual(['1 diagnosi (Condition) non collegata a un paziente del bundle: ignorata.']);
  });

  it('rejects deceased patients and warns about partial birth dates', async () => {
    const file = writeTemp(
      dir,
      'dec.json',
      bundleOf([
        { resource: { resourceType: 'Patient', id: 'x', identifier: [cf('PREGSI50C07G388A')], deceasedDateTime: '2023-01-01' } },
        { resource: { resourceType: 'Patient', id: 'y', identifier: [cf('CLMNMR47E52L872D')], birthDate: '1947', gender: 'unknown' } },
      ]),
    );
    const items = await read(file);
    expect(items[0]).toEqual({ kind: 'reject', row: 'Patient/x', reason: 'Patient/x (PREGSI50C07G388A): paziente deceduto, non importato.' });
    expect(items[1]).toEqual({
      kind: 'patient',
      row: 'Patient/y',
      patient: { codiceFiscale: 'CLMNMR47E52L872D' },
      warnings: ['Data di nascita "1947" incompleta o non valida: campo lasciato vuoto.'],
    });
  });

  it('fails with Italian messages on files that are no bundle', async () => {
    expect(await rejectsWith(read(writeTemp(dir, 'a.json', 'CF;Cognome\n')))).toMatchObject({ code: 'not-json' });
    expect(await rejectsWith(read(writeTemp(dir, 'b.json', '{"resourceType": "Bundle", ')))).toMatchObject({ code: 'not-json' });
    const xml = await rejectsWith(read(writeTemp(dir, 'c.xml', '<Bundle xmlns="http://hl7.org/fhir"/>')));
    expect(xml).toMatchObject({ code: 'not-json' });
    expect(xml.userMessage).toContain('XML');
    const patient = await rejectsWith(read(writeTemp(dir, 'd.json', '{"resourceType":"Patient","id":"x"}')));
    expect(patient).toMatchObject({ code: 'not-fhir-bundle' });
    expect(patient.userMessage).toContain('una risorsa Patient');
    expect(await rejectsWith(read(writeTemp(dir, 'e.json', '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation"}}]}')))).toMatchObject({
      code: 'no-patients',
    });
    expect(await rejectsWith(read(writeTemp(dir, 'f.json', '')))).toMatchObject({ code: 'empty-file' });
    expect(await rejectsWith(read(`${dir}/manca.json`))).toMatchObject({ code: 'file-not-found' });
  });

  it('refuses bundles over the size limit before reading them', async () => {
    const file = `${dir}/grande.json`;
    fs.writeFileSync(file, '');
    fs.truncateSync(file, MAX_BUNDLE_BYTES + 1); // sparse: no disk used
    const err = await rejectsWith(read(file));
    expect(err.code).toBe('file-too-large');
    expect(err.userMessage).toContain('fino a 64 MB');
    fs.rmSync(file);
  });

  it('refuses JSON nested deeper than any bundle before parsing it, and reads deep extensions', async () => {
    const deep = writeTemp(dir, 'profondo.json', `{"resourceType":"Bundle","entry":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`);
    const err = await rejectsWith(read(deep));
    expect(err).toMatchObject({ code: 'json-too-deep', message: `${deep}: JSON nested deeper than 64 levels` });
    expect(err.userMessage).toBe(
      "Il file \"profondo.json\" non si può importare: i suoi dati sono annidati per più di 64 livelli, mentre un bundle FHIR ne ha una decina. Il file è danneggiato o non è un'esportazione di pazienti.",
    );
    let extension: object = { url: 'http://example.it/nota', valueString: 'fine' };
    for (let i = 0; i < 25; i++) extension = { url: `http://example.it/livello-${i}`, extension: [extension] };
    const patient = { resourceType: 'Patient', id: 'p1', identifier: [cf('PREGSI50C07G388A')], extension: [extension] };
    const items = await read(writeTemp(dir, 'estensioni.json', bundleOf([{ resource: patient }])));
    expect(patients(items).map((i) => i.patient.codiceFiscale)).toEqual(['PREGSI50C07G388A']);
  });

  it('refuses more values than parsing may hold, saying to split the export', async () => {
    const err = await rejectsWith(read(writeTemp(dir, 'valori.json', `{"resourceType":"Bundle","entry":[${'0,'.repeat(MAX_JSON_VALUES)}0]}`)));
    expect(err.code).toBe('json-too-many-values');
    expect(err.userMessage).toContain('più di 8 milioni di valori');
    expect(err.userMessage).toContain('in più file più piccoli');
  });

  it('stops when the signal is aborted', async () => {
    const entries = Array.from({ length: 1000 }, (_, i) => ({ resource: { resourceType: 'Patient', id: `p${i}`, identifier: [cf('PREGSI50C07G388A')] } }));
    const file = writeTemp(dir, 'molti.json', bundleOf(entries));
    const controller = new AbortController();
    let n = 0;
    for await (const _ of fhirBundleAdapter.read({ path: file }, context({ signal: controller.signal }))) {
      if (++n === 3) controller.abort();
    }
    expect(n).toBe(3);
    const aborted = new AbortController();
    aborted.abort();
    expect(await collect(fhirBundleAdapter.read({ path: file }, context({ signal: aborted.signal })))).toEqual([]);
  });
});
