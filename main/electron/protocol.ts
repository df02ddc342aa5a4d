import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { createLogger } from '../log';
import { APP_HOST, APP_SCHEME } from './channels';
import { securityHeaders } from './security';

const log = createLogger('electron.protocol');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Must run before app 'ready'. `standard` gives app://pic a real (tuple) origin so relative URLs,
 * localStorage and same-origin module scripts work; `secure` makes it a secure context.
 * `corsEnabled` is deliberately left off: it would let other origins read our files.
 */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** After 'ready': app://pic/<path> serves files of the built renderer, and nothing else. */
export function handleAppProtocol(protocol: Protocol, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRenderer(request, rendererRoot));
}

/**
 * Answers one request of the app:// scheme from `root` (dist/renderer). Paths that leave the
 * folder are refused; a path without an extension is a client-side route and gets index.html;
 * every response carries the CSP.
 */
export async function serveRenderer(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Metodo non consentito.');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'Indirizzo non valido.');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Non trovato.');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return plain(400, 'Indirizzo non valido.');
  }
  if (pathname.includes('\0')) return plain(400, 'Indirizzo non valido.');
  const base = path.resolve(root);
  let file = path.resolve(base, '.' + path.posix.normalize('/' + pathname));
  if (file !== base && !file.startsWith(base + path.sep)) {
    log.warn('path outside the renderer refused', { path: pathname.slice(0, 200) });
    return plain(404, 'Non trovato.');
  }
  if (file === base || isDirectory(file) || (!fs.existsSync(file) && path.extname(file) === '')) {
    file = path.join(base, 'index.html');
  }
  let body: Buffer;
  try {
    body = await fs.promises.readFile(file);
  } catch {
    if (path.basename(file) === 'index.html') {
      return html(503, '<!doctype html><meta charset="utf-8"><title>PiC Studio</title><p>Interfaccia non compilata: eseguire <code>npm run build</code>.</p>');
    }
    return plain(404, 'Non trovato.');
  }
  const ext = path.extname(file).toLowerCase();
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': ext === '.html' ? 'no-store' : 'max-age=3600',
      ...securityHeaders(),
    },
  });
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() } });
}

function html(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...securityHeaders() } });
}
