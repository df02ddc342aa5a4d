import type { Bundle, BundleEntry, EpisodeOfCare } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { EpisodeClaims } from './claims';
import { ServerRefusedError, SyncConflictError } from './errors';
import type { FhirAnswer, FhirClient } from './fhirClient';

/**
 * What a server with a unique constraint on resource ids (HAPI on its database) answers to the
 * second of two creates of one episode at the same moment: 409, alone or as a batch entry. The
 * claim reads the episode again and decides on what it finds; the memory peer cannot answer so.
 */

const OURS = 'Organization/ours';
const ep: EpisodeOfCare = { resourceType: 'EpisodeOfCare', id: 'ep-1', status: 'waitlist', patient: { reference: 'Patient/p-1' }, managingOrganization: { reference: OURS } };
const theirs: EpisodeOfCare = { ...ep, meta: { versionId: '1' }, status: 'active', managingOrganization: { reference: 'Organization/theirs', display: 'Cooperativa Brianza' } };

type Step = (method: string, path: string, body: unknown) => FhirAnswer;

/** A client answering each request with the next scripted step, and recording what it was asked. */
function scripted(steps: Step[]) {
  const asked: string[] = [];
  const next = (method: string, path: string, body: unknown): Promise<FhirAnswer> => {
    const bundle = body as Bundle | undefined;
    asked.push(bundle?.resourceType === 'Bundle' ? `${bundle.type} ${bundle.entry?.map((e) => `${e.request?.method} ${e.request?.url}`).join(', ')}` : `${method} ${path}`);
    const step = steps.shift();
    if (!step) throw new Error(`unscripted request ${asked.at(-1)}`);
    try {
      return Promise.resolve(step(method, path, body));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  };
  const client = { bundle: (b: Bundle) => next('POST', '', b), request: (method: string, path: string, body?: unknown) => next(method, path, body) } as unknown as FhirClient;
  return { client, asked };
}

const answer = <T>(body: T): FhirAnswer => ({ status: 200, body: body as never, etag: null, bytesSent: 0 });
const batchOf = (...entry: BundleEntry[]): FhirAnswer => answer({ resourceType: 'Bundle', type: 'batch-response', entry });
const status = (s: number, resource?: EpisodeOfCare): BundleEntry => ({ response: { status: String(s) }, ...(resource ? { resource } : {}) });

function claims(client: FhirClient) {
  return new EpisodeClaims({ learn: () => undefined, client, ourGestore: OURS, exchange: (send) => send() });
}

describe('an EpisodeOfCare claim meeting a unique constraint on the id', () => {
  it('in the batch of creates (409 entry): read again alone, and locked elsewhere when the other create holds him', async () => {
    const { client, asked } = scripted([
      () => batchOf(status(404)),
      () => batchOf(status(409)),
      () => answer(theirs),
    ]);
    expect(await claims(client).claim([ep])).toEqual([{ kind: 'elsewhere', gestore: 'Cooperativa Brianza' }]);
    expect(asked).toEqual(['batch GET EpisodeOfCare/ep-1', 'batch PUT EpisodeOfCare/ep-1', 'GET EpisodeOfCare/ep-1']);
  });

  it('created alone (a batch refused as a whole): the 409 is read again too, not ended there', async () => {
    const { client, asked } = scripted([
      () => batchOf(status(404)),
      () => {
        throw new ServerRefusedError(422, 'batch refused');
      },
      () => {
        throw new ServerRefusedError(404, 'not found');
      },
      () => {
        throw new SyncConflictError(409, 'duplicate id');
      },
      () => answer(theirs),
    ]);
    expect(await claims(client).claim([ep])).toEqual([{ kind: 'elsewhere', gestore: 'Cooperativa Brianza' }]);
    expect(asked).toEqual(['batch GET EpisodeOfCare/ep-1', 'batch PUT EpisodeOfCare/ep-1', 'GET EpisodeOfCare/ep-1', 'PUT EpisodeOfCare/ep-1', 'GET EpisodeOfCare/ep-1']);
  });
});
