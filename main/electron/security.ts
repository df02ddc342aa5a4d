import type { Session, WebContents } from 'electron';
import { createLogger } from '../log';
import { isAppUrl } from './channels';

const log = createLogger('electron.security');

/**
 * The page's Content-Security-Policy: as strict as browser mode's (main/web/server.ts), minus
 * the WebSocket, since in Electron the page reaches the core only through window.pic (IPC).
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The Patto di Cura and privacy PDFs are previewed from blob: URLs the page creates.
    "frame-src blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers every response of the app:// protocol carries. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * Session-wide rules: no permission is ever granted (camera, notifications, geolocation, HID,
 * USB, serial...; smart-card readers are driven from the main process, not the page), and a page
 * never reaches the network. Requests made by the main process itself (no webContents) are left
 * alone so later main-side work (sync) is not surprised by this filter.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    log.warn('permission request denied', { permission, url: safeUrl(contents) });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const fromPage = details.webContentsId !== undefined;
    const cancel = fromPage && !isAllowedPageRequest(details.url);
    if (cancel) log.warn('page request to the outside blocked', { url: details.url.slice(0, 200) });
    callback({ cancel });
  });
  // Belt and braces for any page response not served by our protocol handler (which sets the
  // headers itself): the same CSP, replacing whatever the response carried.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.webContentsId === undefined) return callback({});
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    headers['Content-Security-Policy'] = [contentSecurityPolicy()];
    callback({ responseHeaders: headers });
  });
}

/** Schemes a page may load from: our own, inline data, and DevTools' own pages. */
function isAllowedPageRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  return /^(data|blob|devtools|chrome-extension):/i.test(url);
}

/**
 * Rules for every webContents the app creates (wired through app 'web-contents-created'): the page
 * cannot navigate anywhere but our own page, cannot open windows, cannot attach <webview>.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, deprecatedUrl) => {
    const url = event.url ?? deprecatedUrl;
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn('navigation blocked', { url: String(url).slice(0, 200) });
  });
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn('frame navigation blocked', { url: String(event.url).slice(0, 200) });
  });
  contents.on('will-redirect', (event, deprecatedUrl) => {
    const url = event.url ?? deprecatedUrl;
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn('redirect blocked', { url: String(url).slice(0, 200) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('window.open denied', { url: String(url).slice(0, 200) });
    return { action: 'deny' };
  });
}

function safeUrl(contents: WebContents | null | undefined): string {
  try {
    return contents && !contents.isDestroyed() ? contents.getURL().slice(0, 200) : '';
  } catch {
    return '';
  }
}
