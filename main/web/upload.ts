import type http from 'node:http';
import { UPLOAD_NAME_HEADER, type ApiErrorBody } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { authorizeFileChoice } from '../api/access';
import type { Core } from '../core';
import { UploadInterruptedError, UploadTooLargeError } from '../importers/chosenFiles';
import { createLogger } from '../log';

const log = createLogger('web.upload');
/** An upload refused before it is read is drained this far, so that the page gets the answer; past it, the socket goes. */
const DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * POST /upload (see UPLOAD_PATH): one file from the page, streamed to disk by ChosenFiles and
 * answered with its handle. Whoever may import may upload; the caller's token and origin are the
 * server's to check before this runs.
 */
export async function receiveUpload(core: Core, req: http.IncomingMessage, res: http.ServerResponse, maxBytes: number): Promise<void> {
  try {
    authorizeFileChoice(core.operator(), 'browser');
  } catch (err) {
    return refuseUnread(req, res, 403, err as AppError);
  }
  const name = fileName(req.headers[UPLOAD_NAME_HEADER.toLowerCase()]);
  if (name === null) {
    return refuseUnread(req, res, 400, { code: 'invalid-input', message: 'Caricamento non valido: manca il nome del file.' });
  }
  const length = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (length !== undefined && length > maxBytes) return refuseUnread(req, res, 413, new UploadTooLargeError(maxBytes));
  try {
    const chosen = await core.importer.files.receive(req, name, { maxBytes, expectedBytes: length });
    sendJson(res, 200, { ok: true, value: chosen });
  } catch (err) {
    const status = err instanceof UploadTooLargeError ? 413 : err instanceof UploadInterruptedError ? 400 : 500;
    if (err instanceof AppError) log.warn('upload not received', { code: err.code, message: err.message });
    else log.error('upload failed', { message: err instanceof Error ? err.message : String(err) });
    const error = err instanceof AppError ? err : { code: 'internal', message: 'Errore interno durante il caricamento del file. Il problema è stato registrato.' };
    // The rest of a body refused midway is not read: the connection goes with the answer, never back to the client's pool.
    if (!req.complete) res.setHeader('Connection', 'close');
    // A body cut off by the page took its socket with it: there is nobody left to answer.
    if (!res.destroyed) sendJson(res, status, { ok: false, error: body(error) });
  }
}

/** The name in the header, percent-encoded by the page (header values are Latin-1 only); null when missing or malformed. */
function fileName(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string' || header === '' || header.length > 3000) return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return null;
  }
}

function body(error: AppError | ApiErrorBody): ApiErrorBody {
  return error instanceof AppError ? { code: error.code, message: error.userMessage } : error;
}

function refuseUnread(req: http.IncomingMessage, res: http.ServerResponse, status: number, error: AppError | ApiErrorBody): void {
  log.warn('upload refused before reading it', { status, code: body(error).code });
  // Not "Connection: close": a socket closed on unread data is reset, and the page would get that instead of the answer.
  sendJson(res, status, { ok: false, error: body(error) });
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.destroy();
  });
  req.resume();
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(payload));
}
