import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { allOk, getStatus, isOk, parseSearchRequest } from '@medplum/core';
import type { Bundle, CapabilityStatement, EpisodeOfCare, Organization, Patient } from '@medplum/fhirtypes';
import { FhirRouter, makeSimpleRequest } from '@medplum/fhir-router';
import { ids } from '../../main/sync/fhirIds';
import { DEFAULT_SYSTEMS } from '../../main/sync/systems';
import { CentroServiziRepository } from './centroServiziRepository';
import { FaultPlan } from './faults';
import { loadFhirDefinitions } from './fhirDefinitions';
import { RequestLog } from './requestLog';
import { BASE_PATH, serveRequest, type PeerParts } from './serveRequest';

const HOST = '127.0.0.1';
export const PRESA_IN_CARICO_SYSTEM = 'https://pic-studio.it/fhir/presa-in-carico';

export interface CentroServiziOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** When set, every request must carry `Authorization: Bearer <token>` or is answered 401. */
  token?: string | null;
}

export interface HeldPatient {
  codiceFiscale: string;
  year: number;
  gestore: { code: string; name: string };
}

/** A Centro Servizi on loopback: Medplum's FHIR router over a memory repository, with faults on demand. */
export interface CentroServizi {
  /** The FHIR base, e.g. http://127.0.0.1:8090/fhir. */
  url: string;
  port: number;
  token: string | null;
  repo: CentroServiziRepository;
  faults: FaultPlan;
  requests: RequestLog;
  /** How many resources of the type match the search (a query string without `?`, e.g. `_tag=s|c`), read from the repository, unlogged. */
  count(resourceType: string, search?: string): Promise<number>;
  /** Another Gestore has the patient in care for the year: its Organization, the Patient and the EpisodeOfCare the app's ids name. */
  holdPatient(held: HeldPatient): Promise<void>;
  /** Stops listening and destroys every connection, answered or not: the server is down. */
  goOffline(): Promise<void>;
  /** Listens again on the same port, with the same data. */
  goOnline(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Medplum's router has no `metadata` route: a CapabilityStatement saying what this server is, for clients that ask first. */
function addCapabilityStatement(router: FhirRouter, base: () => string): void {
  const date = new Date().toISOString();
  router.add('GET', 'metadata', async () => {
    const statement: CapabilityStatement = {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date,
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['application/fhir+json'],
      software: { name: 'PiC Studio test peer (@medplum/fhir-router 4.5.2, memory repository)' },
      implementation: { description: 'Centro Servizi for tests', url: base() },
      rest: [{ mode: 'server', interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }] }],
    };
    return [allOk, statement];
  }, 'operation');
}

function holdingBundle({ codiceFiscale: cf, year, gestore }: HeldPatient): Bundle {
  const organization: Organization = { resourceType: 'Organization', id: ids.gestore(gestore.code), name: gestore.name };
  const patient: Patient = { resourceType: 'Patient', id: ids.patient(cf), identifier: [{ system: DEFAULT_SYSTEMS.codiceFiscale, value: cf }] };
  const episode: EpisodeOfCare = {
    resourceType: 'EpisodeOfCare',
    id: ids.episode(cf, year),
    status: 'active',
    identifier: [{ system: PRESA_IN_CARICO_SYSTEM, value: `PIC-${year}-${cf}` }],
    patient: { reference: `Patient/${patient.id}` },
    managingOrganization: { reference: `Organization/${organization.id}`, display: gestore.name },
  };
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [organization, patient, episode].map((resource) => ({ resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } })),
  };
}

export async function startCentroServizi(options: CentroServiziOptions = {}): Promise<CentroServizi> {
  loadFhirDefinitions();
  const router = new FhirRouter();
  const repo = new CentroServiziRepository();
  const faults = new FaultPlan();
  const requests = new RequestLog();
  const token = options.token ?? null;
  const parts: PeerParts = { base: '', token, router, repo, faults, requests, outages: 0 };
  addCapabilityStatement(router, () => parts.base);

  // A request the peer fails to serve loses its connection; it never takes the test process down.
  const server = http.createServer((req, res) => void serveRequest(parts, req, res).catch(() => res.destroy()));
  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  parts.base = `http://${HOST}:${port}${BASE_PATH}`;

  const goOffline = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      parts.outages++;
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: parts.base,
    port,
    token,
    repo,
    faults,
    requests,
    async count(resourceType, search = '') {
      const bundle = await repo.search(parseSearchRequest(`${resourceType}?${search}`));
      return bundle.total ?? 0;
    },
    async holdPatient(held) {
      const [outcome] = await router.handleRequest({ ...makeSimpleRequest('POST', '', holdingBundle(held)), config: { transactions: true } }, repo);
      if (!isOk(outcome)) throw new Error(`holdPatient refused (${getStatus(outcome)}): ${JSON.stringify(outcome.issue)}`);
    },
    goOffline,
    goOnline: () => (server.listening ? Promise.resolve() : listen(server, port)),
    close: goOffline,
  };
}
