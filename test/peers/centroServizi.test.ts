import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Bundle, EpisodeOfCare, OperationOutcome, Patient, Resource } from '@medplum/fhirtypes';
import { FhirRouter, makeSimpleRequest } from '@medplum/fhir-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids } from '../../main/sync/fhirIds';
import { PRESA_IN_CARICO_SYSTEM, startCentroServizi, type CentroServizi } from './centroServizi';
import { DEFAULT_PAGE_SIZE } from './fhirHttp';

let peer: CentroServizi;

beforeEach(async () => {
  peer = await startCentroServizi();
});

afterEach(async () => {
  await peer.close();
});

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A request to the peer as the app sends it (FHIR JSON), its answer's body parsed. */
async function fhir<T = Resource>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const url = path.startsWith('http') ? path : `${peer.url}/${path}`;
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

const patient = (id: string, extra: Partial<Patient> = {}): Patient => ({ resourceType: 'Patient', id, ...extra });
const putPatient = (id: string, extra: Partial<Patient> = {}, headers: Record<string, string> = {}) =>
  fhir<Patient>('PUT', `Patient/${id}`, patient(id, extra), headers);
const versionOf = (r: Resource) => r.meta?.versionId as string;

describe('the Centro Servizi peer answers FHIR over HTTP', () => {
  it('says what it is at metadata', async () => {
    const answer = await fhir('GET', 'metadata');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', implementation: { url: peer.url } });
  });

  it('creates with a client-assigned id on PUT (update as create: Medplum answers 200, not 201) with its version in ETag and Last-Modified', async () => {
    const answer = await putPatient('p-1', { gender: 'female' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'p-1', gender: 'female' });
    expect(answer.headers.get('etag')).toBe(`W/"${versionOf(answer.body)}"`);
    expect(answer.headers.get('last-modified')).toBe(new Date(answer.body.meta?.lastUpdated as string).toUTCString());
    expect(answer.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const read = await fhir<Patient>('GET', 'Patient/p-1');
    expect(read.body).toEqual(answer.body);
  });

  it('answers a POST create 201 with an absolute Location naming the new version', async () => {
    const answer = await fhir<Patient>('POST', 'Patient', { resourceType: 'Patient', gender: 'male' });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe(`${peer.url}/Patient/${answer.body.id}/_history/${versionOf(answer.body)}`);
    expect((await fhir('GET', `Patient/${answer.body.id}`)).status).toBe(200);
  });

  it('refuses a resource R4 does not allow with 400 and the element at fault, and stores nothing', async () => {
    const answer = await fhir<OperationOutcome>('PUT', 'Patient/p-bad', patient('p-bad', { birthDate: '1 marzo 1950' }));
    expect(answer.status).toBe(400);
    expect(answer.body.issue?.[0]?.expression).toEqual(['Patient.birthDate']);
    expect(await peer.count('Patient')).toBe(0);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await fetch(`${peer.url}/Patient/p-1`, { method: 'PUT', headers: { 'Content-Type': 'application/fhir+json' }, body: '{"resourceType":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
  });

  it('updates with a current If-Match and answers a stale one 412, leaving the resource as it was', async () => {
    const first = await putPatient('p-1', { gender: 'female' });
    const second = await putPatient('p-1', { gender: 'male' }, { 'If-Match': first.headers.get('etag') as string });
    expect(second.status).toBe(200);
    expect(versionOf(second.body)).not.toBe(versionOf(first.body));

    const stale = await fhir<OperationOutcome>('PUT', 'Patient/p-1', patient('p-1', { gender: 'other' }), { 'If-Match': first.headers.get('etag') as string });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ resourceType: 'OperationOutcome', id: 'precondition-failed' });
    expect((await fhir<Patient>('GET', 'Patient/p-1')).body.gender).toBe('male');
  });

  it('lists an instance _history newest first, the same at every read, and reads an old version', async () => {
    const versions: string[] = [];
    for (const gender of ['female', 'male', 'other'] as const) versions.push(versionOf((await putPatient('p-1', { gender })).body));
    for (let read = 0; read < 3; read++) {
      const history = await fhir<Bundle>('GET', 'Patient/p-1/_history');
      expect(history.body.type).toBe('history');
      expect(history.body.entry?.map((e) => versionOf(e.resource as Resource))).toEqual([...versions].reverse());
    }
    const old = await fhir<Patient>('GET', `Patient/p-1/_history/${versions[0]}`);
    expect(old.body.gender).toBe('female');
  });
});

describe('transaction bundles posted to the base', () => {
  const transaction = (...entry: NonNullable<Bundle['entry']>): Bundle => ({ resourceType: 'Bundle', type: 'transaction', entry });

  it('writes every entry, resolves urn:uuid references and answers each entry', async () => {
    const patientUrn = 'urn:uuid:0b7a0f56-4c1d-4f43-9f5e-7f1f2a3b4c5d';
    const answer = await fhir<Bundle>('POST', '', transaction(
      { fullUrl: patientUrn, resource: { resourceType: 'Patient', gender: 'female' }, request: { method: 'POST', url: 'Patient' } },
      { resource: { resourceType: 'Organization', id: 'org-1', name: 'Cooperativa' }, request: { method: 'PUT', url: 'Organization/org-1' } },
      { resource: { resourceType: 'EpisodeOfCare', id: 'eoc-1', status: 'active', patient: { reference: patientUrn } }, request: { method: 'PUT', url: 'EpisodeOfCare/eoc-1' } },
    ));
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('transaction-response');
    expect(answer.body.entry?.map((e) => e.response?.status)).toEqual(['201', '200', '200']);
    const created = answer.body.entry?.[0]?.resource as Patient;
    const episode = await fhir<EpisodeOfCare>('GET', 'EpisodeOfCare/eoc-1');
    expect(episode.body.patient.reference).toBe(`Patient/${created.id}`);
    expect(await peer.count('Organization', '_id=org-1')).toBe(1);
  });

  it('answers a client that prefers return=minimal with each entry\'s version (ETag, Last-Modified) and no resource, as HAPI does', async () => {
    const answer = await fhir<Bundle>('POST', '', transaction(
      { resource: { resourceType: 'Organization', id: 'org-1', name: 'Cooperativa' }, request: { method: 'PUT', url: 'Organization/org-1' } },
      { resource: patient('p-1'), request: { method: 'PUT', url: 'Patient/p-1' } },
    ), { Prefer: 'return=minimal' });
    expect(answer.status).toBe(200);
    expect(answer.body.entry?.map((e) => e.resource)).toEqual([undefined, undefined]);
    const stored = (await fhir<Patient>('GET', 'Patient/p-1')).body;
    expect(answer.body.entry?.[1]?.response).toMatchObject({ status: '200', etag: `W/"${versionOf(stored)}"`, lastModified: stored.meta?.lastUpdated });
    // Without the preference, the resources as Medplum's router returns them.
    const full = await fhir<Bundle>('POST', '', transaction({ resource: patient('p-2'), request: { method: 'PUT', url: 'Patient/p-2' } }));
    expect(full.body.entry?.[0]?.resource).toMatchObject({ resourceType: 'Patient', id: 'p-2' });
  });

  it('writes nothing when one entry fails (a stale If-Match): the whole bundle is answered 412', async () => {
    const stale = (await putPatient('p-1', { gender: 'female' })).headers.get('etag') as string;
    await putPatient('p-1', { gender: 'male' });
    await putPatient('p-3', { gender: 'female' });
    const answer = await fhir<OperationOutcome>('POST', '', transaction(
      { resource: patient('p-2'), request: { method: 'PUT', url: 'Patient/p-2' } },
      { resource: patient('p-3', { gender: 'male' }), request: { method: 'PUT', url: 'Patient/p-3' } },
      { resource: patient('p-1', { gender: 'other' }), request: { method: 'PUT', url: 'Patient/p-1', ifMatch: stale } },
    ));
    expect(answer.status).toBe(412);
    expect(await peer.count('Patient', '_id=p-2')).toBe(0);
    expect((await fhir<Patient>('GET', 'Patient/p-3')).body.gender).toBe('female');
    expect((await fhir<Bundle>('GET', 'Patient/p-3/_history')).body.entry).toHaveLength(1);
    expect((await fhir<Patient>('GET', 'Patient/p-1')).body.gender).toBe('male');
    expect((await fhir<Bundle>('GET', 'Patient/p-1/_history')).body.entry).toHaveLength(2);
  });

  it('writes nothing when one entry is not valid R4', async () => {
    const answer = await fhir<OperationOutcome>('POST', '', transaction(
      { resource: patient('p-1'), request: { method: 'PUT', url: 'Patient/p-1' } },
      { resource: patient('p-2', { birthDate: 'ieri' }), request: { method: 'PUT', url: 'Patient/p-2' } },
    ));
    expect(answer.status).toBe(400);
    expect(await peer.count('Patient')).toBe(0);
  });
  it('refuses a transaction of more than 50 updates (the router\'s own limit, not FHIR\'s) and writes none of it', async () => {
    const puts = (n: number) => Array.from({ length: n }, (_, i) => ({ resource: patient(`p-${i}`), request: { method: 'PUT' as const, url: `Patient/p-${i}` } }));
    expect((await fhir('POST', '', transaction(...puts(50)))).status).toBe(200);
    peer.repo.clear();
    const answer = await fhir<OperationOutcome>('POST', '', transaction(...puts(51)));
    expect(answer.status).toBe(400);
    expect(answer.body.issue?.[0]?.details?.text).toMatch(/more update operations than allowed/);
    expect(await peer.count('Patient')).toBe(0);
  });
});

describe('searches', () => {
  it('finds what changed after a _lastUpdated cursor (gt, to the millisecond)', async () => {
    const before = (await putPatient('p-1')).body;
    await delay(5);
    await putPatient('p-2');
    const page = await fhir<Bundle>('GET', `Patient?_lastUpdated=gt${before.meta?.lastUpdated}`);
    expect(page.body.entry?.map((e) => e.resource?.id)).toEqual(['p-2']);
    const none = await fhir<Bundle>('GET', `Patient?_lastUpdated=gt${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(none.body.total).toBe(0);
  });

  it('finds by _tag=system|code, and not by the code in another system', async () => {
    await putPatient('p-1', { meta: { tag: [{ system: 'https://pic-studio.it/fhir/studio', code: 'RSSMRA85T10A562S' }] } });
    await putPatient('p-2', { meta: { tag: [{ system: 'https://pic-studio.it/fhir/studio', code: 'VRDGPP70A01F205X' }] } });
    await putPatient('p-3', { meta: { tag: [{ system: 'https://elsewhere.example/studio', code: 'RSSMRA85T10A562S' }] } });
    const page = await fhir<Bundle>('GET', `Patient?_tag=${encodeURIComponent('https://pic-studio.it/fhir/studio|RSSMRA85T10A562S')}`);
    expect(page.body.entry?.map((e) => e.resource?.id)).toEqual(['p-1']);
  });

  it('finds by _id, several at once', async () => {
    for (const id of ['p-1', 'p-2', 'p-3']) await putPatient(id);
    const page = await fhir<Bundle>('GET', 'Patient?_id=p-1,p-3');
    expect(page.body.entry?.map((e) => e.resource?.id).sort()).toEqual(['p-1', 'p-3']);
  });

  it('pages by _count with next links that are absolute URLs on the peer, to the last page', async () => {
    for (let i = 1; i <= 25; i++) await putPatient(`p-${i}`);
    const seen: string[] = [];
    let next: string | undefined = `${peer.url}/Patient?_count=10`;
    let pages = 0;
    while (next) {
      expect(next.startsWith(`${peer.url}/Patient?`)).toBe(true);
      const page: Answer<Bundle> = await fhir<Bundle>('GET', next);
      expect(page.body.total).toBe(25);
      seen.push(...(page.body.entry ?? []).map((e) => e.resource?.id as string));
      next = page.body.link?.find((l) => l.relation === 'next')?.url;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
  });

  it(`gives a search without _count a page of ${DEFAULT_PAGE_SIZE} and a next link, as HAPI does`, async () => {
    for (let i = 1; i <= DEFAULT_PAGE_SIZE + 1; i++) await putPatient(`p-${i}`);
    const page = await fhir<Bundle>('GET', 'Patient');
    expect(page.body.entry).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(page.body.link?.find((l) => l.relation === 'next')?.url).toMatch(new RegExp(`^${peer.url}/Patient\\?.*_offset=${DEFAULT_PAGE_SIZE}`));
  });
});

describe('bearer token', () => {
  it('answers 401 with an OperationOutcome without the token or with another, and serves with it', async () => {
    await peer.close();
    peer = await startCentroServizi({ token: 'segreto' });
    const none = await fhir<OperationOutcome>('GET', 'Patient');
    expect(none.status).toBe(401);
    expect(none.body.resourceType).toBe('OperationOutcome');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fhir('GET', 'Patient', undefined, { Authorization: 'Bearer altro' })).status).toBe(401);
    expect((await fhir('PUT', 'Patient/p-1', patient('p-1'))).status).toBe(401);
    expect(await peer.count('Patient')).toBe(0);
    expect((await fhir('GET', 'Patient', undefined, { Authorization: 'Bearer segreto' })).status).toBe(200);
  });
});

describe('faults', () => {
  it('drops the connection without an answer and writes nothing', async () => {
    peer.faults.inject({ kind: 'drop' });
    await expect(putPatient('p-1')).rejects.toThrow();
    expect(await peer.count('Patient')).toBe(0);
    expect(peer.requests.entries.at(-1)).toMatchObject({ status: null, fault: 'drop' });
    expect((await putPatient('p-1')).status).toBe(200);
  });

  it.each([
    [{ kind: 'status500' } as const, 500, null],
    [{ kind: 'status429', retryAfterSeconds: 7 } as const, 429, '7'],
    [{ kind: 'status503', retryAfterSeconds: 30 } as const, 503, '30'],
    [{ kind: 'status504' } as const, 504, null],
    [{ kind: 'status422', text: 'Telefono non valido' } as const, 422, null],
  ])('answers %o with %i (Retry-After %s) and writes nothing', async (fault, status, retryAfter) => {
    peer.faults.inject(fault);
    const answer = await putPatient('p-1');
    expect(answer.status).toBe(status);
    expect(answer.headers.get('retry-after')).toBe(retryAfter);
    expect(answer.body.resourceType).toBe('OperationOutcome');
    expect(await peer.count('Patient')).toBe(0);
  });

  it('refuses with 422 and an OperationOutcome saying why and where, and writes nothing', async () => {
    peer.faults.inject({ kind: 'status422', text: 'Codice fiscale non presente in anagrafe regionale', expression: 'Patient.identifier[0]' });
    const answer = await putPatient('p-1');
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', details: { text: 'Codice fiscale non presente in anagrafe regionale' }, expression: ['Patient.identifier[0]'] }] });
    expect(await peer.count('Patient')).toBe(0);
  });

  it('lets a fault pick its request by the parsed body: one transaction among those posted to the base', async () => {
    const bundleOf = (id: string): Bundle => ({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient(id), request: { method: 'PUT', url: `Patient/${id}` } }] });
    const names = (body: unknown, id: string) => ((body as Bundle | undefined)?.entry ?? []).some((e) => e.request?.url === `Patient/${id}`);
    peer.faults.inject({ kind: 'status422', text: 'no' }, { times: 5, matches: (r) => names(r.body, 'p-2') });
    expect((await fhir('POST', '', bundleOf('p-1'))).status).toBe(200);
    expect((await fhir('POST', '', bundleOf('p-2'))).status).toBe(422);
    expect((await fhir('GET', 'Patient/p-2')).status).toBe(404);
    expect(peer.faults.pending).toBe(4);
  });

  it('answers 504 after processing: the write is there, and the identical retry is a new request answered at once', async () => {
    peer.faults.inject({ kind: 'status504AfterProcessing' });
    const timedOut = await putPatient('p-1', { gender: 'female' });
    expect(timedOut.status).toBe(504);
    expect((await fhir<Patient>('GET', 'Patient/p-1')).body.gender).toBe('female');
    const retry = await putPatient('p-1', { gender: 'female' });
    expect(retry.status).toBe(200);
    expect((await fhir<Bundle>('GET', 'Patient/p-1/_history')).body.entry).toHaveLength(2);
  });

  it('answers 200 with a body that is not JSON, and with JSON that is no FHIR resource', async () => {
    peer.faults.inject({ kind: 'garbage' }).inject({ kind: 'garbageJson' });
    const garbage = await fetch(`${peer.url}/Patient`);
    expect(garbage.status).toBe(200);
    expect(garbage.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    await expect(garbage.json()).rejects.toThrow();
    const garbageJson = await fhir<Record<string, unknown>>('GET', 'Patient');
    expect(garbageJson.status).toBe(200);
    expect(garbageJson.body.resourceType).toBeUndefined();
  });

  it('answers slowly, then as usual', async () => {
    peer.faults.inject({ kind: 'slow', ms: 300 });
    const started = performance.now();
    const answer = await putPatient('p-1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(200);
    expect(peer.requests.entries.at(-1)?.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('hangs up in the middle of the answer after processing the request', async () => {
    peer.faults.inject({ kind: 'hangUpMidBody' });
    const res = await fetch(`${peer.url}/Patient/p-1`, { method: 'PUT', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(patient('p-1')) });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(await peer.count('Patient', '_id=p-1')).toBe(1);
    const logged = peer.requests.entries.at(-1);
    expect(logged?.bytesOut).toBeGreaterThan(0);
    expect(logged?.bytesOut).toBeLessThan(Number(res.headers.get('content-length')));
  });

  it('takes faults in the order queued, each for as many matching requests as asked', async () => {
    const isPut = ({ method }: { method: string }) => method === 'PUT';
    peer.faults.inject({ kind: 'status503', retryAfterSeconds: 1 }, { times: 2, matches: isPut }).inject({ kind: 'status500' });
    expect(peer.faults.pending).toBe(3);
    expect((await fhir('GET', 'Patient')).status).toBe(500);
    expect((await putPatient('p-1')).status).toBe(503);
    expect((await putPatient('p-1')).status).toBe(503);
    expect((await putPatient('p-1')).status).toBe(200);
    expect(peer.faults.pending).toBe(0);
    peer.faults.inject({ kind: 'drop' }, { times: 5 }).clear();
    expect((await putPatient('p-1')).status).toBe(200);
  });
});

describe('the request log', () => {
  it('counts requests by method and interaction, and the body bytes each way, with the digest of what came in and the type of a bundle posted', async () => {
    const body = JSON.stringify(patient('p-1', { gender: 'female' }));
    const put = await fetch(`${peer.url}/Patient/p-1`, { method: 'PUT', headers: { 'Content-Type': 'application/fhir+json' }, body });
    const putBytes = (await put.arrayBuffer()).byteLength;
    const search = await fetch(`${peer.url}/Patient?_id=p-1`);
    const searchBytes = (await search.arrayBuffer()).byteLength;
    expect(peer.requests.count()).toBe(2);
    expect(peer.requests.count({ method: 'PUT', interaction: 'update' })).toBe(1);
    expect(peer.requests.count({ interaction: 'search-type' })).toBe(1);
    expect(peer.requests.bytesIn()).toBe(Buffer.byteLength(body));
    expect(peer.requests.bytesOut({ method: 'PUT' })).toBe(putBytes);
    expect(peer.requests.bytesOut()).toBe(putBytes + searchBytes);
    expect(peer.requests.entries.map((r) => r.path)).toEqual(['Patient/p-1', 'Patient']);
    expect(peer.requests.entries.map((r) => r.digest)).toEqual([createHash('sha256').update(body).digest('hex'), null]);
    expect(peer.requests.entries.map((r) => r.bundle)).toEqual([null, null]);
    await fhir('POST', '', { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: 'Patient/p-1' } }] });
    expect(peer.requests.count({ interaction: 'batch', bundle: 'batch' })).toBe(1);
    peer.requests.clear();
    expect(peer.requests.count()).toBe(0);
  });
});

describe('going offline', () => {
  it('refuses connections while offline and serves the same data on the same port once back', async () => {
    await putPatient('p-1');
    await peer.goOffline();
    await expect(fhir('GET', 'Patient/p-1')).rejects.toThrow();
    await peer.goOnline();
    const answer = await fhir<Patient>('GET', 'Patient/p-1');
    expect(answer.status).toBe(200);
    expect(new URL(peer.url).port).toBe(String(peer.port));
  });

  it('cuts a request still being served, which then writes nothing: the server went down with it', async () => {
    peer.faults.inject({ kind: 'slow', ms: 300 });
    const pending = putPatient('p-1');
    await delay(100);
    await peer.goOffline();
    await expect(pending).rejects.toThrow();
    await delay(300);
    await peer.goOnline();
    expect((await fhir('GET', 'Patient/p-1')).status).toBe(404);
    expect(peer.requests.entries[0]).toMatchObject({ method: 'PUT', status: null, fault: 'slow' });
  });
});

describe('a patient held by another Gestore', () => {
  it('is an active EpisodeOfCare under the id the app derives, managed by that Gestore', async () => {
    const cf = 'RSSMRA85T10A562S';
    await peer.holdPatient({ codiceFiscale: cf, year: 2026, gestore: { code: 'COOP-7', name: 'Cooperativa Sette' } });
    const episode = await fhir<EpisodeOfCare>('GET', `EpisodeOfCare/${ids.episode(cf, 2026)}`);
    expect(episode.status).toBe(200);
    expect(episode.body).toMatchObject({
      status: 'active',
      identifier: [{ system: PRESA_IN_CARICO_SYSTEM, value: `PIC-2026-${cf}` }],
      patient: { reference: `Patient/${ids.patient(cf)}` },
      managingOrganization: { reference: `Organization/${ids.gestore('COOP-7')}`, display: 'Cooperativa Sette' },
    });
    expect((await fhir('GET', `Patient/${ids.patient(cf)}`)).status).toBe(200);
    expect((await fhir('GET', `Organization/${ids.gestore('COOP-7')}`)).status).toBe(200);
    expect(await peer.count('EpisodeOfCare', `identifier=${PRESA_IN_CARICO_SYSTEM}|PIC-2026-${cf}`)).toBe(1);
    expect(peer.requests.count()).toBe(3);
  });
});

describe('concurrent writes', () => {
  const conditionalCreate = () =>
    fhir('POST', 'Patient', { resourceType: 'Patient', identifier: [{ system: 'urn:test', value: 'same' }] }, { 'If-None-Exist': 'identifier=urn:test|same' });

  it('four parallel conditional creates over HTTP make one resource: each request runs to its end before the next is read', async () => {
    // MemoryRepository never waits on I/O, so a request's search and create happen within the
    // event that delivered its body; the race Medplum's memory repository is known for needs
    // interleaved calls in one process (next test). HAPI on a database does race over HTTP.
    const answers = await Promise.all([conditionalCreate(), conditionalCreate(), conditionalCreate(), conditionalCreate()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(await peer.count('Patient', 'identifier=urn:test|same')).toBe(1);
  });

  it('four conditional creates interleaved in one process make four resources: the documented race', async () => {
    const router = new FhirRouter();
    const create = () =>
      router.handleRequest({ ...makeSimpleRequest('POST', 'Patient', { resourceType: 'Patient', identifier: [{ system: 'urn:test', value: 'same' }] }), headers: { 'if-none-exist': 'identifier=urn:test|same' } }, peer.repo);
    await Promise.all([create(), create(), create(), create()]);
    expect(await peer.count('Patient', 'identifier=urn:test|same')).toBe(4);
  });

  it('two parallel PUTs of one new id without If-Match both succeed: one resource, two versions, the last one read', async () => {
    const [a, b] = await Promise.all([putPatient('p-1', { gender: 'female' }), putPatient('p-1', { gender: 'male' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await peer.count('Patient')).toBe(1);
    const history = await fhir<Bundle<Patient>>('GET', 'Patient/p-1/_history');
    expect(history.body.entry).toHaveLength(2);
    const current = await fhir<Patient>('GET', 'Patient/p-1');
    expect(versionOf(current.body)).toBe(versionOf(history.body.entry?.[0]?.resource as Patient));
  });
});
