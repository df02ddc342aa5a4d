import fs from 'node:fs';
import { z } from 'zod';
import { isIsoDate } from '../../../shared/domain/dates';
import { parseIcd9 } from '../../../shared/domain/icd9';
import { AppError } from '../../../shared/errors';
import type { ImportAdapter, ImportContext, ImportedPatient, ImportedProblem, ImportItem } from '../adapter';
import { FileTooComplexError, ImportFormatError } from '../errors';
import { baseName, readHead, sniffBytes } from './csv';
import { parseIcd10 } from './icd10';
import { JsonShapeScanner, MAX_JSON_DEPTH, MAX_JSON_VALUES, type JsonShapeProblem } from './jsonShape';
import { fileError } from './table';
import { normalizeCf } from './values';

/**
 * A FHIR R4 Bundle (JSON) of Patient and Condition resources, as newer record systems and the
 * regional platforms export. Not streamed: the file is read whole, so its size is capped
 * (MAX_BUNDLE_BYTES) and its shape checked while it is read (jsonShape.ts) before JSON.parse.
 * Patients are identified by the codice fiscale; active Conditions coded in ICD9-CM or ICD-10
 * become their problems.
 */

export const FhirBundleOptions = z.object({ path: z.string().min(1, 'indicare il file JSON del bundle FHIR') });
export type FhirBundleOptions = z.infer<typeof FhirBundleOptions>;

/**
 * Bundles above this size are refused. The JSON is parsed whole in the app's process: a real
 * bundle takes 2 to 5 times its size in memory, on top of its text. A practice's patients with
 * their Conditions are a few MB, with years of other resources tens of MB.
 */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

export const CF_SYSTEMS = ['http://hl7.it/sid/codicefiscale', 'urn:oid:2.16.840.1.113883.2.9.4.3.2', '2.16.840.1.113883.2.9.4.3.2'];
const ICD9_SYSTEMS = [
  'http://hl7.org/fhir/sid/icd-9-cm',
  'http://hl7.org/fhir/sid/icd-9',
  'urn:oid:2.16.840.1.113883.6.103',
  'urn:oid:2.16.840.1.113883.6.2',
  'urn:oid:2.16.840.1.113883.6.42',
];
const ICD10_SYSTEMS = [
  'http://hl7.org/fhir/sid/icd-10',
  'http://hl7.org/fhir/sid/icd-10-cm',
  'urn:oid:2.16.840.1.113883.6.3',
  'urn:oid:2.16.840.1.113883.6.90',
];
/** Clinical statuses that mean "current": active and its children (HL7 condition-clinical). */
const ACTIVE = ['active', 'recurrence', 'relapse'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A system URI compared loosely: case, a trailing slash, an "urn:oid:" prefix. */
const sys = (v: unknown) => (str(v) ?? '').toLowerCase().replace(/\/+$/, '');
const inSystems = (v: unknown, list: readonly string[]) => {
  const s = sys(v);
  return s !== '' && (list.includes(s) || list.includes(`urn:oid:${s}`));
};

function bundleError(code: string, message: string, userMessage: string): ImportFormatError {
  return new ImportFormatError(code, message, userMessage);
}

function tooComplexError(file: string, problem: JsonShapeProblem): FileTooComplexError {
  const name = baseName(file);
  if (problem.kind === 'too-deep') {
    return new FileTooComplexError(
      'json-too-deep',
      `${file}: JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
      `Il file "${name}" non si può importare: i suoi dati sono annidati per più di ${MAX_JSON_DEPTH} livelli, mentre un bundle FHIR ne ha una decina. Il file è danneggiato o non è un'esportazione di pazienti.`,
    );
  }
  return new FileTooComplexError(
    'json-too-many-values',
    `${file}: more than ${MAX_JSON_VALUES} JSON values`,
    `Il file "${name}" contiene troppi dati (più di ${MAX_JSON_VALUES / 1_000_000} milioni di valori) per essere letto in una volta. Esportare i pazienti in più file più piccoli.`,
  );
}

/** Reads and parses the file, with progress and abort; null when aborted. */
async function readBundle(file: string, context: Pick<ImportContext, 'signal' | 'reportSize'>): Promise<Json | null> {
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch (err) {
    throw fileError(file, err);
  }
  const name = baseName(file);
  if (size === 0) throw bundleError('empty-file', `${file} is empty`, `Il file "${name}" è vuoto.`);
  if (size > MAX_BUNDLE_BYTES) {
    throw bundleError(
      'file-too-large',
      `${file}: ${size} bytes, over the ${MAX_BUNDLE_BYTES} bytes limit of FHIR bundles`,
      `Il file "${name}" è troppo grande (${Math.round(size / 1024 / 1024)} MB): i bundle FHIR si importano fino a ${MAX_BUNDLE_BYTES / 1024 / 1024} MB. Esportare i pazienti in più file più piccoli.`,
    );
  }
  const chunks: Buffer[] = [];
  let read = 0;
  const shape = new JsonShapeScanner();
  const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (context.signal.aborted) return null;
      const problem = shape.write(chunk);
      if (problem) throw tooComplexError(file, problem);
      chunks.push(chunk);
      read += chunk.length;
      context.reportSize?.(read, size);
    }
  } catch (err) {
    throw fileError(file, err);
  } finally {
    stream.destroy();
  }
  let buffer: Buffer | null = Buffer.concat(chunks);
  chunks.length = 0;
  const looksZip = sniffBytes(buffer.subarray(0, 4096)) === 'zip';
  let text = buffer.toString('utf8');
  buffer = null; // only the text is needed from here: let the bytes go before JSON.parse
  const notJson = () =>
    bundleError(
      'not-json',
      `${file} is not JSON`,
      looksZip
        ? `Il file "${name}" non è un file JSON ma un archivio compresso o un file Excel.`
        : `Il file "${name}" non è un file JSON valido: serve un Bundle FHIR R4 in formato JSON (non XML).`,
    );
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = /\S/.exec(text.slice(0, 4096))?.[0];
  if (start === '<') {
    throw bundleError('not-json', `${file} is XML, not JSON`, `Il file "${name}" è in formato XML: serve il Bundle FHIR in formato JSON.`);
  }
  if (start !== '{') throw notJson();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw notJson();
  }
  if (!isObject(json)) throw notJson();
  return json;
}

function assertBundle(json: Json, file: string): void {
  if (json.resourceType !== 'Bundle') {
    const what = typeof json.resourceType === 'string' ? `una risorsa ${json.resourceType}` : 'un file JSON qualsiasi';
    throw bundleError(
      'not-fhir-bundle',
      `${file}: resourceType is ${String(json.resourceType)}, not Bundle`,
      `Il file "${baseName(file)}" non è un Bundle FHIR ma ${what}: serve un Bundle (resourceType "Bundle") con risorse Patient.`,
    );
  }
}

interface Indexed {
  patients: { key: string; resource: Json }[];
  conditions: Map<string, Json[]>;
  /** Conditions whose subject is no Patient of the bundle. */
  orphans: number;
}

/** Patients in bundle order; Conditions grouped by the patient they belong to. */
function indexBundle(bundle: Json): Indexed {
  const patients: { key: string; resource: Json }[] = [];
  const byRef = new Map<string, string>();
  const byCf = new Map<string, string>();
  const conditionEntries: { fullUrl: string | null; resource: Json }[] = [];
  for (const entry of arr(bundle.entry)) {
    if (!isObject(entry) || !isObject(entry.resource)) continue;
    const resource = entry.resource;
    const fullUrl = str(entry.fullUrl);
    if (resource.resourceType === 'Patient') {
      const id = str(resource.id);
      const key = id ? `Patient/${id}` : (fullUrl ?? `Patient#${patients.length + 1}`);
      patients.push({ key, resource });
      if (fullUrl) {
        byRef.set(fullUrl, key);
        // "http://server/fhir/Patient/123" is also referenced as "Patient/123".
        const tail = /(Patient\/[^/]+)(?:\/_history\/[^/]+)?$/.exec(fullUrl);
        if (tail) byRef.set(tail[1] as string, key);
      }
      if (id) byRef.set(`Patient/${id}`, key);
      const cf = patientCf(resource);
      if (cf) byCf.set(cf, key);
    } else if (resource.resourceType === 'Condition') {
      conditionEntries.push({ fullUrl, resource });
    }
  }
  const conditions = new Map<string, Json[]>();
  let orphans = 0;
  for (const { resource } of conditionEntries) {
    const subject = isObject(resource.subject) ? resource.subject : isObject(resource.patient) ? resource.patient : null;
    let key: string | undefined;
    const ref = str(subject?.reference);
    if (ref) {
      key = byRef.get(ref) ?? byRef.get(ref.replace(/\/_history\/[^/]+$/, '')) ?? byRef.get(/(Patient\/[^/]+)$/.exec(ref)?.[1] ?? '');
    }
    // A logical reference by codice fiscale.
    if (!key && isObject(subject?.identifier) && inSystems(subject.identifier.system, CF_SYSTEMS) && str(subject.identifier.value)) {
      key = byCf.get(normalizeCf(str(subject.identifier.value)));
    }
    if (!key) {
      orphans++;
      continue;
    }
    const list = conditions.get(key) ?? [];
    list.push(resource);
    conditions.set(key, list);
  }
  return { patients, conditions, orphans };
}

function isCfSystem(system: unknown): boolean {
  if (inSystems(system, CF_SYSTEMS)) return true;
  // Regional and vendor namespaces ending in ".../codiceFiscale".
  return /\/codice-?fiscale$/.test(sys(system));
}

function patientCf(patient: Json): string | null {
  for (const id of arr(patient.identifier)) {
    if (isObject(id) && isCfSystem(id.system) && str(id.value)) return normalizeCf(str(id.value));
  }
  return null;
}

function conditionProblem(condition: Json): { problem: ImportedProblem | null; skipped?: 'inactive' | 'uncoded' } {
  const clinical = isObject(condition.clinicalStatus) ? condition.clinicalStatus : null;
  const status = arr(clinical?.coding).map((c) => (isObject(c) ? str(c.code) : null)).find(Boolean) ?? null;
  // No status: taken as current (R4 requires it except for entered-in-error).
  if (status && !ACTIVE.includes(status.toLowerCase())) return { problem: null, skipped: 'inactive' };
  const verification = isObject(condition.verificationStatus) ? condition.verificationStatus : null;
  const vstatus = arr(verification?.coding).map((c) => (isObject(c) ? str(c.code) : null)).find(Boolean);
  if (vstatus && ['refuted', 'entered-in-error'].includes(vstatus.toLowerCase())) return { problem: null, skipped: 'inactive' };

  const code = isObject(condition.code) ? condition.code : null;
  let icd9: string | null = null;
  let icd10: string | null = null;
  let display: string | null = null;
  for (const c of arr(code?.coding)) {
    if (!isObject(c)) continue;
    const value = str(c.code);
    if (!value) continue;
    if (!icd9 && inSystems(c.system, ICD9_SYSTEMS)) {
      const parsed = parseIcd9(value);
      if (parsed) {
        icd9 = parsed.text;
        display ??= str(c.display);
      }
    } else if (!icd10 && inSystems(c.system, ICD10_SYSTEMS)) {
      const parsed = parseIcd10(value);
      if (parsed) {
        icd10 = parsed.text;
        display ??= str(c.display);
      }
    }
  }
  if (!icd9 && !icd10) return { problem: null, skipped: 'uncoded' };
  const since = fhirDate(condition.onsetDateTime) ?? fhirDate(isObject(condition.onsetPeriod) ? condition.onsetPeriod.start : null) ?? fhirDate(condition.recordedDate);
  const problem: ImportedProblem = {
    ...(icd9 && { icd9 }),
    ...(icd10 && { icd10 }),
    description: str(code?.text) ?? display,
    since,
  };
  return { problem };
}

/** The date part of a FHIR date or dateTime, when it is a whole date. */
function fhirDate(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const d = s.slice(0, 10);
  return isIsoDate(d) ? d : null;
}

function patientItem(key: string, patient: Json, conditions: readonly Json[]): ImportItem {
  const cf = patientCf(patient);
  if (!cf) {
    return { kind: 'reject', row: key, reason: `${key}: nessun identificativo con il codice fiscale (sistema http://hl7.it/sid/codiceFiscale): paziente scartato.` };
  }
  if (patient.deceasedBoolean === true || str(patient.deceasedDateTime)) {
    return { kind: 'reject', row: key, reason: `${key} (${cf}): paziente deceduto, non importato.` };
  }
  const warnings: string[] = [];
  const out: ImportedPatient = { codiceFiscale: cf };

  const names = arr(patient.name).filter(isObject);
  const name = names.find((n) => n.use === 'official') ?? names.find((n) => n.use !== 'old' && n.use !== 'maiden') ?? names[0];
  if (name) {
    out.surname = str(name.family);
    const given = arr(name.given).map(str).filter((g): g is string => g !== null);
    out.givenName = given.length ? given.join(' ') : null;
  }
  const birth = str(patient.birthDate);
  if (birth) {
    if (isIsoDate(birth)) out.birthDate = birth;
    else warnings.push(`Data di nascita "${birth}" incompleta o non valida: campo lasciato vuoto.`);
  }
  const gender = str(patient.gender);
  if (gender === 'male') out.sex = 'M';
  else if (gender === 'female') out.sex = 'F';

  for (const t of arr(patient.telecom)) {
    if (!isObject(t) || t.use === 'old' || (isObject(t.period) && str(t.period.end))) continue;
    const value = str(t.value);
    if (!value) continue;
    if (t.system === 'email') out.email ??= value.replace(/^mailto:/i, '');
    else if ((t.system === 'phone' && t.use === 'mobile') || t.system === 'sms') out.mobile ??= value.replace(/^tel:/i, '');
    else if (t.system === 'phone') out.phone ??= value.replace(/^tel:/i, '');
  }

  const problems: ImportedProblem[] = [];
  const seen = new Set<string>();
  let uncoded = 0;
  for (const c of conditions) {
    const { problem, skipped } = conditionProblem(c);
    if (skipped === 'uncoded') uncoded++;
    if (!problem) continue;
    const k = `${problem.icd9 ?? ''}|${problem.icd10 ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    problems.push(problem);
  }
  if (uncoded) warnings.push(`${uncoded} diagnosi senza codice ICD9-CM o ICD-10: ${uncoded === 1 ? 'ignorata' : 'ignorate'}.`);
  if (problems.length) out.problems = problems;
  return warnings.length ? { kind: 'patient', row: key, patient: out, warnings } : { kind: 'patient', row: key, patient: out };
}

async function load(options: FhirBundleOptions, context: ImportContext): Promise<{ index: Indexed; warnings: string[] } | null> {
  const json = await readBundle(options.path, context);
  if (!json) return null;
  assertBundle(json, options.path);
  const index = indexBundle(json);
  if (index.patients.length === 0) {
    throw bundleError(
      'no-patients',
      `${options.path}: the bundle has no Patient resources`,
      `Il bundle FHIR "${baseName(options.path)}" non contiene pazienti (risorse Patient).`,
    );
  }
  const warnings: string[] = [];
  if (index.orphans === 1) warnings.push('1 diagnosi (Condition) non collegata a un paziente del bundle: ignorata.');
  else if (index.orphans > 1) warnings.push(`${index.orphans} diagnosi (Condition) non collegate a un paziente del bundle: ignorate.`);
  return { index, warnings };
}

async function* items(index: Indexed, context: ImportContext): AsyncGenerator<ImportItem, void, undefined> {
  for (const { key, resource } of index.patients) {
    if (context.signal.aborted) return;
    yield patientItem(key, resource, index.conditions.get(key) ?? []);
  }
}

export const fhirBundleAdapter: ImportAdapter<FhirBundleOptions> = {
  id: 'fhir-bundle',
  name: 'Bundle FHIR R4 (JSON)',
  description:
    'Un file JSON con un Bundle FHIR R4 di pazienti (Patient) e diagnosi (Condition, in ICD9-CM o ICD-10), come lo esportano le cartelle cliniche più recenti e le piattaforme regionali.',
  source: 'file',
  options: FhirBundleOptions,

  async detect(options) {
    try {
      const head = await readHead(options.path, 64 * 1024);
      let text = Buffer.from(head).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (!text.trimStart().startsWith('{')) return { match: false, reason: 'Non è un file JSON.' };
      if (!/"resourceType"\s*:\s*"Bundle"/.test(text)) {
        // The resourceType may come after a long "entry" list: only a small file can tell.
        if (head.length < 64 * 1024) return { match: false, reason: 'Il JSON non è un Bundle FHIR.' };
        return { match: false, reason: 'Il JSON non dichiara "resourceType": "Bundle" all\'inizio.' };
      }
      return { match: true, reason: /"Patient"/.test(text) ? 'Bundle FHIR con pazienti.' : 'Bundle FHIR.' };
    } catch (err) {
      const e = fileError(options.path, err);
      return { match: false, reason: e instanceof AppError ? e.userMessage : String(err) };
    }
  },

  async preview(options, limit, context) {
    const loaded = await load(options, context);
    if (!loaded) return { items: [], warnings: [] };
    const out: ImportItem[] = [];
    for await (const item of items(loaded.index, context)) {
      if (out.length >= limit) break;
      out.push(item);
    }
    return { items: out, warnings: loaded.warnings };
  },

  async *read(options, context) {
    const loaded = await load(options, context);
    if (!loaded) return;
    yield* items(loaded.index, context);
  },
};
