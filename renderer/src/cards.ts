import type { CardsState, CardView, PatientCardView, ReaderView } from '../../shared/contract/cards';
import { formatItalianDate } from '../../shared/domain/dates';

/** Pure helpers for the smart-card part of the UI: names, texts and state transitions (unit-tested). */

const MAX_READER_NAME = 32;

/**
 * A PC/SC reader name as people read it: "OMNIKEY 3x21 Smart Card Reader [CCID Interface]
 * (12345678) 00 00" -> "OMNIKEY 3x21". pcsc-lite appends the reader and slot numbers ("00 00"),
 * and drivers often add the USB interface [..], the serial (..) and "Smart Card Reader": none of
 * them helps a person. Long names are cut at a word.
 */
export function shortReaderName(name: string): string {
  let text = name.replace(/\s+/g, ' ').trim();
  text = text.replace(/(?:\s[0-9A-F]{2}){2}$/i, '');
  text = text.replace(/\s*\[[^\]]*\]/g, '').replace(/\s*\([^)]*\)/g, '');
  text = text.replace(/\s+smart\s?card\s+reader$/i, '').replace(/\s+/g, ' ').trim();
  if (text === '') return name.trim() || 'Lettore';
  if (text.length <= MAX_READER_NAME) return text;
  const cut = text.slice(0, MAX_READER_NAME - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_READER_NAME / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Short names for all the readers, in the same order: readers whose short names collide (two
 * "Virtual PCD", two readers of the same model) are numbered 1, 2... in the order of their full
 * names, which pcsc-lite numbers in connection order.
 */
export function readerLabels(names: readonly string[]): string[] {
  const shorts = names.map(shortReaderName);
  const groups = new Map<string, string[]>();
  shorts.forEach((s, i) => {
    const group = groups.get(s) ?? [];
    group.push(names[i] ?? '');
    groups.set(s, group);
  });
  return shorts.map((s, i) => {
    const group = groups.get(s) ?? [];
    if (group.length < 2) return s;
    const sorted = [...group].sort();
    return `${s} ${sorted.indexOf(names[i] ?? '') + 1}`;
  });
}

/** "Tessera scaduta il 31/12/2023". */
export function expiredText(cardExpiry: string): string {
  return `Tessera scaduta il ${formatItalianDate(cardExpiry)}`;
}

/** "ROSSI MARIO", the way the name is printed on the Tessera Sanitaria. */
export function patientCardName(p: Pick<PatientCardView, 'surname' | 'givenName'>): string {
  return `${p.surname} ${p.givenName}`.trim().toUpperCase();
}

export type CardTone = 'empty' | 'busy' | 'ok' | 'warn' | 'error';

export interface CardSummary {
  text: string;
  tone: CardTone;
  /** Set for an expired Tessera Sanitaria: the expiry date to show with the marker. */
  expiredOn: string | null;
}

/** What a reader holds, in a few words: "vuoto", "lettura…", "Tessera Sanitaria: ROSSI MARIO"... */
export function cardSummary(card: CardView | null): CardSummary {
  if (card === null) return { text: 'vuoto', tone: 'empty', expiredOn: null };
  switch (card.status) {
    case 'reading':
      return { text: 'lettura…', tone: 'busy', expiredOn: null };
    case 'mute':
      return { text: 'la carta non risponde (è inserita nel verso giusto?)', tone: 'error', expiredOn: null };
    case 'error':
      return { text: `errore: ${card.error?.message ?? 'la carta non può essere letta'}`, tone: 'error', expiredOn: null };
    case 'ready':
      break;
  }
  if (card.kind === 'patient' && card.patient) {
    const p = card.patient;
    return {
      text: `Tessera Sanitaria: ${patientCardName(p)}`,
      tone: p.expired ? 'warn' : 'ok',
      expiredOn: p.expired ? p.cardExpiry : null,
    };
  }
  if (card.kind === 'operator' && card.operator) {
    return { text: `Carta operatore: ${card.operator.name}`, tone: 'ok', expiredOn: null };
  }
  return { text: 'carta non riconosciuta', tone: 'warn', expiredOn: null };
}

/** The first reader with an operator card that has been read (the one the core logs in with). */
export function readyOperatorCard(state: CardsState | null): { reader: string; name: string; codiceFiscale: string } | null {
  for (const r of state?.readers ?? []) {
    const c = r.card;
    if (c?.status === 'ready' && c.kind === 'operator' && c.operator) {
      return { reader: r.name, name: c.operator.name, codiceFiscale: c.operator.codiceFiscale };
    }
  }
  return null;
}

/** Whether a card is being read right now (it may be the operator card: the PIN form comes once it is ready). */
export function anyCardReading(state: CardsState | null): boolean {
  return (state?.readers ?? []).some((r) => r.card?.status === 'reading');
}

/** vpcd's virtual readers are there: a test or training PC, where the demo cards are useful. */
export function hasVirtualReader(state: CardsState | null): boolean {
  return (state?.readers ?? []).some((r) => /^Virtual PCD\b/i.test(r.name));
}

export interface PatientCardInReader {
  reader: string;
  card: PatientCardView;
}

function readyPatientCards(readers: readonly ReaderView[]): PatientCardInReader[] {
  const found: PatientCardInReader[] = [];
  for (const r of readers) {
    const c = r.card;
    if (c?.status === 'ready' && c.kind === 'patient' && c.patient) found.push({ reader: r.name, card: c.patient });
  }
  return found;
}

/** The Tessera Sanitaria of this patient (by codice fiscale), if it is in a reader and read. */
export function patientCardFor(state: CardsState | null, codiceFiscale: string): PatientCardInReader | null {
  const cf = codiceFiscale.toUpperCase();
  return readyPatientCards(state?.readers ?? []).find((p) => p.card.codiceFiscale.toUpperCase() === cf) ?? null;
}

/**
 * Patient cards that became ready between two states: a card counts once per insertion, by
 * reader and card serial (a card pulled and put back passes through "no card" or "reading", so it
 * counts again). With no previous state (first answer after start-up) nothing is new: cards
 * already in the readers were inserted before.
 */
export function newPatientCards(prev: CardsState | null, next: CardsState): PatientCardInReader[] {
  if (prev === null) return [];
  const before = new Set(readyPatientCards(prev.readers).map((p) => `${p.reader}\n${p.card.cardSerial}`));
  return readyPatientCards(next.readers).filter((p) => !before.has(`${p.reader}\n${p.card.cardSerial}`));
}

export type LockReason = 'card-removed' | 'logout' | 'closed';

/**
 * Why the session ended between two states, or null if it did not: the operator's card left its
 * reader, the user pressed "Esci" here (`logoutAsked`), or it was closed elsewhere.
 */
export function lockReason(prev: CardsState | null, next: CardsState, logoutAsked: boolean): LockReason | null {
  const was = prev?.operator;
  if (!was || next.operator) return null;
  const reader = next.readers.find((r) => r.name === was.reader);
  const card = reader?.card;
  const stillIn = card?.status === 'ready' && card.kind === 'operator' && card.operator?.codiceFiscale === was.codiceFiscale;
  if (!stillIn) return 'card-removed';
  return logoutAsked ? 'logout' : 'closed';
}

export const LOCK_MESSAGES: Record<LockReason, string> = {
  'card-removed': 'Sessione chiusa: la carta operatore è stata estratta.',
  logout: 'Sessione chiusa. Per accedere di nuovo digitare il PIN.',
  closed: 'Sessione chiusa. Per accedere di nuovo digitare il PIN.',
};

export const PIN_FORMAT_MESSAGE = 'Il PIN è composto da 4 a 8 cifre.';

/** The PIN as typed (spaces people add are dropped), or the Italian reason it cannot be sent. */
export function checkPin(text: string): { ok: true; pin: string } | { ok: false; message: string } {
  const pin = text.replace(/\s+/g, '');
  if (pin === '') return { ok: false, message: 'Digitare il PIN della carta operatore.' };
  if (!/^\d{4,8}$/.test(pin)) return { ok: false, message: PIN_FORMAT_MESSAGE };
  return { ok: true, pin };
}

/** What the PIN form does after a failed login, by the core's error code. */
export function pinFailure(code: string): { clear: boolean; blocked: boolean } {
  switch (code) {
    case 'wrong-pin':
      return { clear: true, blocked: false };
    case 'pin-blocked':
      return { clear: true, blocked: true };
    default:
      return { clear: false, blocked: false };
  }
}

export const CARD_KIND_LABEL: Record<'patient' | 'operator' | 'unknown', string> = {
  patient: 'Tessera Sanitaria',
  operator: 'Carta operatore',
  unknown: 'Carta sconosciuta',
};

/** "PIN di prova: 12345678". */
export function demoPinText(pin: string): string {
  return `PIN di prova: ${pin}`;
}

/** "Lettore 1" for slot 0. */
export function demoSlotLabel(slot: number): string {
  return `Lettore ${slot + 1}`;
}

/**
 * The image a slot's select starts on: what is inserted, else the first card of the kind usually
 * put in that reader (operator card in Lettore 1, Tessera Sanitaria in Lettore 2), else the first.
 */
export function defaultDemoImage(
  slot: number,
  inserted: string | null,
  images: readonly { id: string; kind: 'patient' | 'operator' | 'unknown'; label?: string }[],
): string {
  if (inserted !== null && images.some((i) => i.id === inserted)) return inserted;
  const kind = slot === 0 ? 'operator' : 'patient';
  // Test images of broken cards ("PIN bloccato", "dati danneggiati") make a poor first choice.
  const plain = images.find((i) => i.kind === kind && !/bloccat|danneggiat|scadut/i.test(i.label ?? ''));
  return (plain ?? images.find((i) => i.kind === kind) ?? images[0])?.id ?? '';
}

/** A sentence from the core continued after a colon: "Inserire la..." -> "inserire la..." (acronyms kept). */
function afterColon(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "Arruolamento: carte pronte", or why an enrollment cannot be registered now (the core's reason). */
export function authorizationText(authorization: CardsState['authorization']): string {
  if (authorization.available) return 'Arruolamento: carte pronte';
  return `Arruolamento: ${afterColon(authorization.reason ?? 'non possibile in questo momento.')}`;
}

/** "Bianchi Giulia (PIN verificato)", or "Nessun operatore". */
export function operatorStatusText(operator: CardsState['operator']): string {
  return operator ? `Operatore: ${operator.name} (PIN verificato)` : 'Nessun operatore';
}
