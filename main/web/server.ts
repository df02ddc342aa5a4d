import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_PATH, EVENTS_PATH, MAX_UPLOAD_BYTES, UPLOAD_PATH, type EventMessage } from '../../shared/api';
import { dispatch } from '../api/dispatch';
import type { Core } from '../core';
import { createLogger } from '../log';
import { receiveUpload } from './upload';

const log = createLogger('web');
/** Room for the largest call: a 10 MB scan of a signed copy, in base64 (enrollment.attachScan). */
const MAX_BODY_BYTES = 15 * 1024 * 1024;
/** Past this, an oversized upload is not even drained to deliver the answer: the socket goes. */
const DROP_BODY_BYTES = 64 * 1024 * 1024;
const HOST = '127.0.0.1';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebServerOptions {
  core: Core;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long a client may take to send its headers, and its whole request (defaults below). */
  timeouts?: { headersMs: number; requestMs: number };
  /** The largest file the page may upload (MAX_UPLOAD_BYTES unless a test sets a smaller one). */
  maxUploadBytes?: number;
}

/**
 * Every call is short now (an import is a job; its status waits at most 30 s), so a socket that
 * trickles its request is cut off instead of being held forever.
 */
const DEFAULT_TIMEOUTS = { headersMs: 20_000, requestMs: 120_000 };

/** A request the server cannot read: answered 400, never thrown out of the request handler. */
class BadRequestError extends Error {}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    throw new BadRequestError(`malformed percent-encoding in ${pathname.slice(0, 80)}`);
  }
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the same contract as Electron's IPC, on loopback only, behind a token created at
 * each launch. Host and Origin are checked so that another site cannot reach it through DNS
 * rebinding or a cross-origin request.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = crypto.randomBytes(24).toString('base64url');
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const server = http.createServer({
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    // Node looks for expired sockets only this often (30 s by default).
    connectionsCheckingInterval: Math.min(5_000, timeouts.headersMs),
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  let port = 0;

  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const sameOrigin = (origin: string | undefined) =>
    origin === undefined || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'host not allowed');
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    const upload = url.pathname === UPLOAD_PATH;
    if (url.pathname.startsWith(API_PATH) || upload) {
      if (!sameOrigin(req.headers.origin)) return refuse(res, 403, 'cross-origin call refused');
      if (!hasToken(req.headers.authorization, token)) {
        return refuse(res, 401, 'missing or wrong token', 'unauthorized', "Chiave di accesso non valida: aprire l'indirizzo stampato all'avvio di PiC Studio.");
      }
      if (req.method !== 'POST') return refuse(res, 405, 'POST only');
      if (upload) void receiveUpload(options.core, req, res, options.maxUploadBytes ?? MAX_UPLOAD_BYTES);
      else void handleCall(options.core, decodePath(url.pathname.slice(API_PATH.length)), req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'GET only');
    serveStatic(options.staticDir, url.pathname, port, res);
  };
  // Whatever a request holds, it is answered; nothing a client sends can end the process.
  server.on('request', (req, res) => {
    try {
      onRequest(req, res);
    } catch (err) {
      if (err instanceof BadRequestError || err instanceof TypeError) {
        refuse(res, 400, err.message, 'invalid-input', 'Indirizzo non valido.');
      } else {
        log.error('request failed', { message: err instanceof Error ? err.message : String(err) });
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Errore interno di PiC Studio.' } });
      }
    }
  });
  server.on('clientError', (err, socket) => {
    log.warn('malformed request', { message: err.message });
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  server.on('upgrade', (req, socket, head) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    } catch {
      socket.destroy();
      return;
    }
    const ok =
      url.pathname === EVENTS_PATH &&
      allowedHosts().has(req.headers.host ?? '') &&
      sameOrigin(req.headers.origin) &&
      safeEqual(url.searchParams.get('token') ?? '', token);
    if (!ok) {
      log.warn('event socket refused', { path: url.pathname });
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachEvents(options.core, ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}/#token=${token}`;
  log.info('browser mode listening', { port });

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function attachEvents(core: Core, ws: WebSocket): void {
  const stop = core.events.onAny((event, payload) => {
    const message: EventMessage = { event, payload };
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  });
  ws.on('close', stop);
  ws.on('error', stop);
  // The page only listens; anything it sends is ignored.
  ws.on('message', () => undefined);
}

async function handleCall(core: Core, name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let body: unknown;
  try {
    body = await readJson(req);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      // The rest of the upload is read and dropped, so that the client gets the answer and its reason.
      res.setHeader('Connection', 'close');
      sendJson(res, 413, { ok: false, error: { code: 'request-too-large', message: 'Dati troppo grandi per essere inviati in una volta (massimo 15 MB).' } });
      req.resume();
      return;
    }
    return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: `Richiesta non leggibile: ${(err as Error).message}` } });
  }
  const result = await dispatch(core, name, body, 'browser');
  sendJson(res, 200, result);
}

class BodyTooLargeError extends Error {}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DROP_BODY_BYTES) req.destroy();
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error('JSON non valido'));
      }
    });
    req.on('error', reject);
  });
}

function serveStatic(root: string, pathname: string, port: number, res: http.ServerResponse): void {
  const resolvedRoot = path.resolve(root);
  let file = path.resolve(resolvedRoot, '.' + decodePath(pathname));
  if (!file.startsWith(resolvedRoot + path.sep) && file !== resolvedRoot) return refuse(res, 404, 'not found');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(resolvedRoot, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><title>PiC Studio</title><p>Interfaccia non compilata: eseguire <code>npm run build</code>.</p>');
    return;
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': ext === '.html' ? 'no-store' : 'max-age=3600',
  });
  fs.createReadStream(file).pipe(res);
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ws://${HOST}:${port} ws://localhost:${port}`,
    // The Patto di Cura and privacy PDFs are previewed from blob: URLs the page creates.
    'frame-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

function hasToken(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  return m !== null && safeEqual(m[1] as string, token);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function refuse(res: http.ServerResponse, status: number, reason: string, code = 'forbidden', message = 'Richiesta rifiutata.'): void {
  log.warn('request refused', { status, reason });
  sendJson(res, status, { ok: false, error: { code, message } });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
