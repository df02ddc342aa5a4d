import type { Bundle } from '@medplum/fhirtypes';
import type { RequestLine } from '../peers/faults';

/** Which of the app's requests a fault of the peer picks, by what they carry. */

const entries = (r: RequestLine) => (r.body as Bundle | undefined)?.entry ?? [];

/** A transaction posted to the base: the push of the records. */
export const isTransaction = (r: RequestLine): boolean => r.method === 'POST' && r.path === '' && (r.body as Bundle | undefined)?.type === 'transaction';

/** A write of the EpisodeOfCare `ref` (any, when not given): its PUT alone, or a batch that carries one (the claims). */
export function writesEpisode(r: RequestLine, ref?: string): boolean {
  const named = (url: string) => (ref ? url === ref : url.startsWith('EpisodeOfCare/'));
  if (r.method === 'PUT') return named(r.path);
  return r.method === 'POST' && r.path === '' && entries(r).some((e) => e.request?.method === 'PUT' && named(e.request.url));
}

/** A transaction that carries `ref`. */
export const transactionWith = (r: RequestLine, ref: string): boolean => isTransaction(r) && entries(r).some((e) => e.request?.url === ref);
