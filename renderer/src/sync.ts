import { SYNC_KIND_LABEL, SyncKind, type SyncRunResult, type SyncStatus } from '../../shared/contract/sync';
import { formatItalianDate, isIsoDate } from '../../shared/domain/dates';
import { formatTimestamp } from './dateInput';
import { formatCount } from './format';

/** What the Sincronizzazione page and the status bar say of the sync with the Centro Servizi: texts only, unit-tested. */

export type SyncTone = 'ok' | 'off' | 'warn' | 'error';

const counted = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${formatCount(n)} ${many}`);

/** Items the server refused and records changed on both sides: each waits for a person. */
export function toVerify(status: Pick<SyncStatus, 'attention' | 'conflicts'>): number {
  return status.attention.length + status.conflicts.length;
}

export interface Connection {
  tone: SyncTone;
  /** "in linea", "non raggiungibile"… (lower case: it follows "Centro Servizi:"). */
  state: string;
}

/** The link with the Centro Servizi as the last run of the worker left it. */
export function connection(status: Pick<SyncStatus, 'configured' | 'online' | 'lastError'>): Connection {
  if (!status.configured) return { tone: 'off', state: 'non configurato' };
  if (status.online === null) return { tone: 'off', state: 'non ancora contattato' };
  if (!status.online) return { tone: 'warn', state: 'non raggiungibile' };
  // It answered, but the run stopped (credentials refused, server busy or failing).
  if (status.lastError) return { tone: 'error', state: 'risponde con un errore' };
  return { tone: 'ok', state: 'in linea' };
}

export interface Indicator {
  tone: SyncTone;
  /** "Centro Servizi: non raggiungibile": may be cut short on a narrow bar. */
  state: string;
  /** "12 da inviare", kept whole; null when nothing waits. */
  pending: string | null;
  /** "2 da verificare", kept whole and marked; null when nothing needs a person. */
  verify: string | null;
  /** Everything, with the last error: the tooltip. */
  title: string;
}

/** The status bar's few words: "Centro Servizi: in linea · 2 da verificare · 3 da inviare". */
export function syncIndicator(status: SyncStatus): Indicator {
  const c = connection(status);
  const verifyCount = toVerify(status);
  const state = `Centro Servizi: ${c.state}`;
  // Not configured, nothing is to be sent anywhere: the count would only worry (the page has it).
  const pending = status.configured && status.pendingTotal > 0 ? `${formatCount(status.pendingTotal)} da inviare` : null;
  const verify = verifyCount > 0 ? `${formatCount(verifyCount)} da verificare` : null;
  const title = [state, verify, status.configured ? (pending ?? 'nulla da inviare') : null, status.lastError?.message].filter(Boolean).join(' · ');
  return { tone: verify ? 'error' : c.tone, state, pending, verify, title };
}

/** "12/03/2025 14:05", or "mai". */
export function whenText(at: string | null): string {
  return at ? formatTimestamp(at) : 'mai';
}

/** "Nessun dato in attesa di invio" / "1 dato in attesa di invio" / "12 dati in attesa di invio". */
export function pendingTotalText(total: number): string {
  if (total === 0) return 'Nessun dato in attesa di invio';
  return `${counted(total, 'dato', 'dati')} in attesa di invio`;
}

/** The kinds that have something waiting, in the contract's order (the core groups them in no order). */
export function pendingByKind(pending: SyncStatus['pending']): { kind: SyncKind; label: string; count: number }[] {
  return SyncKind.options.flatMap((kind) => {
    const count = pending.filter((p) => p.kind === kind).reduce((n, p) => n + p.count, 0);
    return count > 0 ? [{ kind, label: SYNC_KIND_LABEL[kind], count }] : [];
  });
}

/** What "Sincronizza ora" achieved, in one sentence or two; the run's error is shown apart. */
export function runResultText(r: SyncRunResult): string {
  const moved = [
    r.pushed > 0 ? (r.pushed === 1 ? 'inviato 1 dato' : `inviati ${formatCount(r.pushed)} dati`) : null,
    r.pulled > 0 ? (r.pulled === 1 ? 'ricevuto 1 aggiornamento' : `ricevuti ${formatCount(r.pulled)} aggiornamenti`) : null,
  ].filter(Boolean);
  const parts = [r.error ? `Sincronizzazione interrotta${moved.length ? `: ${moved.join(', ')}` : ''}.` : `Sincronizzazione completata: ${moved.join(', ') || 'nulla da inviare né da ricevere'}.`];
  if (r.pending > 0) parts.push(`${r.pending === 1 ? 'Resta 1 dato' : `Restano ${formatCount(r.pending)} dati`} in attesa.`);
  const held = r.conflicts + r.needsAttention;
  if (held > 0) parts.push(`${held === 1 ? '1 dato da verificare' : `${formatCount(held)} dati da verificare`} qui sotto.`);
  return parts.join(' ');
}

/** When the worker tries again by itself: "non prima delle 14:05 del 12/03/2025". */
export function nextRunText(at: string): string {
  const [date, time] = formatTimestamp(at).split(' ');
  return time ? `non prima delle ${time} del ${date}` : `non prima del ${at}`;
}

/** What a person's retry or choice did, for the notice that replaces the item. */
export function settledText(patientName: string, how: 'retry' | 'local' | 'server'): string {
  switch (how) {
    case 'retry':
      return `${patientName}: rimesso in coda, parte con la prossima sincronizzazione.`;
    case 'local':
      return `${patientName}: tenuta la versione dello studio, che sarà inviata di nuovo al Centro Servizi.`;
    case 'server':
      return `${patientName}: accettata la versione del Centro Servizi, ora è anche quella dello studio.`;
  }
}

// ---------- conflicts ----------

/** FHIR element names as the secretary knows them; an unknown one is shown as it is. */
const ELEMENT_LABEL: Record<string, string> = {
  active: 'Attivo',
  address: 'Indirizzo',
  basedOn: 'Richiesta',
  birthDate: 'Data di nascita',
  category: 'Categoria',
  city: 'Città',
  code: 'Codice',
  description: 'Descrizione',
  end: 'Fine',
  extension: 'Dati aggiuntivi',
  family: 'Cognome',
  gender: 'Sesso',
  generalPractitioner: 'Medico',
  given: 'Nome',
  identifier: 'Identificativi',
  line: 'Via',
  managingOrganization: 'Gestore',
  name: 'Nome e cognome',
  note: 'Note',
  patient: 'Paziente',
  payload: 'Contenuto',
  period: 'Periodo',
  postalCode: 'CAP',
  sent: 'Data di invio',
  start: 'Inizio',
  status: 'Stato',
  subject: 'Paziente',
  telecom: 'Recapiti',
  text: 'Testo',
  title: 'Titolo',
  use: 'Uso',
};

export function elementLabel(name: string): string {
  return ELEMENT_LABEL[name] ?? name;
}

const CONTACT_SYSTEM: Record<string, string> = { phone: 'Telefono', email: 'Email', fax: 'Fax', sms: 'SMS', pager: 'Cercapersone', url: 'Sito', other: 'Altro recapito' };
const CONTACT_USE: Record<string, string> = { home: 'casa', work: 'lavoro', mobile: 'cellulare', temp: 'temporaneo', old: 'non più valido' };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The last part of a code system's or an extension's URL: "https://…/codice-fiscale" → "codice-fiscale". */
const lastSegment = (url: string) => url.replace(/\/+$/, '').split(/[/#]/).pop() ?? url;

function scalarText(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'sì' : 'no';
  if (typeof v === 'string' && isIsoDate(v)) return formatItalianDate(v);
  return String(v);
}

function lines(v: Json, label: string): string[] {
  const line = (text: string) => (label ? `${label}: ${text}` : text);
  if (v === null) return [];
  if (typeof v !== 'object') return [line(scalarText(v))];
  if (Array.isArray(v)) return v.flatMap((item) => lines(item, label));
  const valueKey = Object.keys(v).find((k) => k.startsWith('value') && k !== 'value');
  // An extension: its URL names what the value is.
  if (typeof v.url === 'string' && valueKey) return lines(v[valueKey]!, lastSegment(v.url));
  // A coding or a reference: what it is called says enough.
  if (typeof v.display === 'string') return [line(v.display)];
  if (typeof v.reference === 'string' && Object.keys(v).length === 1) return [line(v.reference)];
  if (typeof v.system === 'string' && (typeof v.value === 'string' || typeof v.value === 'number')) {
    // A contact point: "Telefono (cellulare): 347 1234567".
    const contact = CONTACT_SYSTEM[v.system];
    if (contact) {
      const use = typeof v.use === 'string' ? ` (${CONTACT_USE[v.use] ?? v.use})` : '';
      const rest = Object.entries(v).filter(([k]) => k !== 'system' && k !== 'value' && k !== 'use');
      return [`${contact}${use}: ${scalarText(v.value)}`, ...rest.flatMap(([k, x]) => lines(x, elementLabel(k)))];
    }
    // An identifier: "codice-fiscale: RSS…".
    const rest = Object.entries(v).filter(([k]) => k !== 'system' && k !== 'value');
    return [`${lastSegment(v.system)}: ${scalarText(v.value)}`, ...rest.flatMap(([k, x]) => lines(x, elementLabel(k)))];
  }
  return Object.entries(v).flatMap(([k, x]) => lines(x, label ? `${label} › ${elementLabel(k)}` : elementLabel(k)));
}

/**
 * One side of a conflicting element (its JSON, as the core sends it) as lines a person can read:
 * codings by their display, contact points as "phone: 02 1234567", dates as dd/mm/yyyy; nothing
 * dropped but code systems' addresses (their last part stays). Empty: no value on that side.
 */
export function conflictValueLines(json: string): string[] {
  let value: Json;
  try {
    value = JSON.parse(json) as Json;
  } catch {
    return [json];
  }
  return lines(value, '');
}

/** One side's lines, each marked when the other side has no such line: where to look. */
export function markDifferences(mine: readonly string[], theirs: readonly string[]): { text: string; differs: boolean }[] {
  return mine.map((text) => ({ text, differs: !theirs.includes(text) }));
}
