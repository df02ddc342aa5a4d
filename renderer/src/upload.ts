import { MAX_UPLOAD_BYTES, UPLOAD_NAME_HEADER, UPLOAD_PATH, type ApiResult } from '../../shared/api';
import type { ChosenFile } from '../../shared/contract/import';
import { formatSize } from './format';
import { BAD_RESPONSE_MESSAGE, isApiResult, SESSION_MESSAGE } from './wire';

/**
 * Browser mode's way of handing the core a file to import: the page uploads it (POST /upload,
 * see shared/api.ts) and gets its handle back. XMLHttpRequest, not fetch: only it tells how much
 * of the body has gone, for the progress of a 200 MB list.
 */

export const UPLOAD_INTERRUPTED_MESSAGE =
  'Il caricamento del file si è interrotto prima della fine (il servizio locale di PiC Studio non risponde più, o la connessione è caduta): sceglierlo di nuovo.';

export function tooLargeMessage(size: number): string {
  return `Il file è troppo grande per essere importato (${formatSize(size)}): al massimo ${formatSize(MAX_UPLOAD_BYTES)}.`;
}

/** "Caricamento di «lista.csv»: 45,2 MB di 200 MB". */
export function uploadProgressText(name: string, sent: number, total: number): string {
  return `Caricamento di «${name}»: ${formatSize(sent)} di ${formatSize(total)}`;
}

/** What the server's answer to an upload means for the page: its ApiResult, or why there is none. */
export function uploadAnswer(status: number, text: string): ApiResult<ChosenFile> {
  if (status === 401) return { ok: false, error: { code: 'unauthorized', message: SESSION_MESSAGE } };
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy's page or a cut-off answer: said below by its status.
  }
  if (isApiResult(body)) return body as ApiResult<ChosenFile>;
  if (status === 413) return { ok: false, error: { code: 'upload-too-large', message: `Il file è troppo grande per essere importato: al massimo ${formatSize(MAX_UPLOAD_BYTES)}.` } };
  return { ok: false, error: { code: 'bad-response', message: BAD_RESPONSE_MESSAGE } };
}

/**
 * Uploads `file` with the launch token, telling `onProgress` the bytes sent so far. Resolves to
 * the chosen file, to null when `signal` stopped it, or to the Italian reason it failed; never
 * rejects. A file over the limit is refused here, before a byte goes.
 */
export function uploadFile(token: string, file: File, onProgress: (sent: number, total: number) => void, signal: AbortSignal): Promise<ApiResult<ChosenFile | null>> {
  if (file.size > MAX_UPLOAD_BYTES) return Promise.resolve({ ok: false, error: { code: 'upload-too-large', message: tooLargeMessage(file.size) } });
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const interrupted = () => resolve({ ok: false, error: { code: 'upload-interrupted', message: UPLOAD_INTERRUPTED_MESSAGE } });
    xhr.open('POST', UPLOAD_PATH);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    // Header values are Latin-1: an accented name travels percent-encoded.
    xhr.setRequestHeader(UPLOAD_NAME_HEADER, encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => resolve(uploadAnswer(xhr.status, xhr.responseText));
    xhr.onerror = interrupted;
    xhr.ontimeout = interrupted;
    xhr.onabort = () => resolve({ ok: true, value: null });
    if (signal.aborted) return resolve({ ok: true, value: null });
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
