import { apiEvents, EVENTS_PATH, isEventName, type ApiResult, type EventName } from '../../shared/api';

/** Pure helpers of the browser transport, kept apart from the DOM so that they can be unit-tested. */

export const TOKEN_STORAGE_KEY = 'pic.token';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{8,256}$/;

/**
 * Takes the access token out of a URL fragment: "#token=abc" gives token "abc" and rest "";
 * "#/pazienti&token=abc" gives rest "/pazienti". A malformed token is ignored (null).
 */
export function takeTokenFromHash(hash: string): { token: string | null; rest: string } {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return { token: null, rest: '' };
  let token: string | null = null;
  const keep: string[] = [];
  for (const part of body.split('&')) {
    if (part.startsWith('token=')) {
      const value = safeDecode(part.slice('token='.length));
      if (value !== null && TOKEN_SHAPE.test(value)) token = value;
    } else if (part !== '') {
      keep.push(part);
    }
  }
  return { token, rest: keep.join('&') };
}

/** The token in the fragment wins (a new launch of the server prints a new one), else the stored one. */
export function chooseToken(fromHash: string | null, stored: string | null): string | null {
  if (fromHash) return fromHash;
  return stored !== null && TOKEN_SHAPE.test(stored) ? stored : null;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** ws:// (or wss://) URL of the event socket on the page's own host. */
export function eventsUrl(protocol: string, host: string, token: string): string {
  const scheme = protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${host}${EVENTS_PATH}?token=${encodeURIComponent(token)}`;
}

/** Reconnection delay in ms: 0.5 s doubling up to 15 s, with +-20% jitter (`random` in [0,1)). */
export function reconnectDelay(attempt: number, random: number): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, Math.min(attempt, 10)));
  return Math.round(base * (0.8 + 0.4 * random));
}

/** Whether a decoded JSON body has the ApiResult envelope shape. */
export function isApiResult(body: unknown): body is ApiResult<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  if (b.ok === true) return 'value' in b;
  if (b.ok === false) {
    const e = b.error as Record<string, unknown> | null | undefined;
    return typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
  }
  return false;
}

/** Decodes one WebSocket text frame into a known event with a payload that matches the contract. */
export function parseEventMessage(data: unknown): { event: EventName; payload: unknown } | null {
  if (typeof data !== 'string') return null;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (!isEventName(event)) return null;
  const checked = apiEvents[event].safeParse(payload);
  return checked.success ? { event, payload: checked.data } : null;
}

export const OFFLINE_MESSAGE =
  'Il servizio locale di PiC Studio non risponde. Verificare che sia ancora in esecuzione (npm run serve) e riprovare.';
export const SESSION_MESSAGE =
  'La chiave di accesso non è più valida, probabilmente perché il servizio locale è stato riavviato. ' +
  "Aprire di nuovo l'indirizzo completo stampato da npm run serve.";
export const BAD_RESPONSE_MESSAGE = 'Il servizio locale ha dato una risposta non leggibile. Riprovare; se il problema persiste, riavviare PiC Studio.';
export const INTERNAL_MESSAGE = "Errore imprevisto nella comunicazione con il servizio locale. Riprovare; se il problema persiste, riavviare PiC Studio.";
