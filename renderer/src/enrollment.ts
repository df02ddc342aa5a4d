import type { CardsState } from '../../shared/contract/cards';
import { formatItalianDate } from '../../shared/domain/dates';
import { ENROLLMENT_STATE_LABEL, PRIVACY_CHOICE_LABEL, type ConsentKind, type EnrollmentState, type PrivacyChoices } from '../../shared/domain/enrollment';
import { CALL_OUTCOME_LABEL, type CallOutcome } from '../../shared/domain/callOutcome';
import { MAX_SCAN_BYTES, type DeadlineEntry, type EnrollmentView } from '../../shared/contract/enrollment';
import type { LockCheck } from '../../shared/contract/sync';
import { daysBetween, formatTimestamp } from './dateInput';
import { patientCardFor, patientCardName } from './cards';

/** Pure helpers of the enrollment workflow's pages: texts, checks, what may be done when (unit-tested). */

export type Tone = 'ok' | 'info' | 'warn' | 'error';

// ---------- deadlines ----------

export interface DeadlineInfo {
  text: string;
  tone: Tone;
  /** Days left (0 = today is the last day; negative = passed). */
  days: number;
}

/** "Firmare entro il 12/03/2025: mancano 5 giorni", and how urgent it is. */
export function deadlineInfo(deadline: string, today: string): DeadlineInfo {
  const days = daysBetween(today, deadline);
  const date = formatItalianDate(deadline);
  if (days < 0) return { days, tone: 'error', text: `Termine per la firma scaduto il ${date}: occorre registrare di nuovo il paziente con le due carte` };
  if (days === 0) return { days, tone: 'error', text: `Firmare entro oggi, ${date}: è l'ultimo giorno` };
  if (days === 1) return { days, tone: 'warn', text: `Firmare entro il ${date}: manca 1 giorno` };
  return { days, tone: days <= 2 ? 'warn' : 'info', text: `Firmare entro il ${date}: mancano ${days} giorni` };
}

/**
 * "oggi", "domani", "scaduta il 03/03/2025", "entro il 10/03/2025" for a row of the deadlines
 * panel: a registration ("scaduta") or a Patto di Cura to renew ("scaduto").
 */
export function deadlineWhenText(entry: Pick<DeadlineEntry, 'when' | 'date'>, subject: 'registration' | 'renewal' = 'registration'): string {
  const date = formatItalianDate(entry.date);
  switch (entry.when) {
    case 'overdue':
      return `${subject === 'renewal' ? 'scaduto' : 'scaduta'} il ${date}`;
    case 'today':
      return `oggi, ${date}`;
    case 'tomorrow':
      return `domani, ${date}`;
    case 'later':
      return `entro il ${date}`;
  }
}

/** "Patto di Cura valido fino al 11/03/2026". */
export function periodEndText(periodEnd: string, today: string): string {
  const days = daysBetween(today, periodEnd);
  const date = formatItalianDate(periodEnd);
  if (days < 0) return `Patto di Cura scaduto il ${date}`;
  return `Patto di Cura valido fino al ${date}`;
}

export function stateTone(state: EnrollmentState | null): Tone {
  switch (state) {
    case 'enrolled':
    case 'renewed':
      return 'ok';
    case 'registered':
    case 'renewal_due':
      return 'warn';
    case 'lapsed':
    case 'withdrawn':
    case 'refused':
    case 'locked_elsewhere':
    case 'transferred':
      return 'error';
    default:
      return 'info';
  }
}

export const CONSENT_KIND_LABEL: Record<ConsentKind, string> = {
  patto_di_cura: 'Patto di Cura',
  privacy: 'Consenso al trattamento dei dati personali (privacy)',
};

/** The privacy form's three rows, in the form's order, with the short name shown beside an answer. */
export const PRIVACY_QUESTIONS: readonly { key: keyof PrivacyChoices; number: number; label: string; short: string }[] = [
  { key: 'trattamento', number: 1, label: PRIVACY_CHOICE_LABEL.trattamento, short: 'Trattamento' },
  { key: 'comunicazione', number: 2, label: PRIVACY_CHOICE_LABEL.comunicazione, short: 'Comunicazione' },
  { key: 'contatti', number: 3, label: PRIVACY_CHOICE_LABEL.contatti, short: 'Promemoria' },
];

/** "Trattamento: acconsente · Comunicazione: acconsente · Promemoria: non acconsente". */
export function privacyChoicesText(choices: PrivacyChoices): string {
  return PRIVACY_QUESTIONS.map((q) => `${q.short}: ${choices[q.key] ? 'acconsente' : 'non acconsente'}`).join(' · ');
}

/** The answers typed so far: all three, or the first row still without one. */
export function completeChoices(answers: Partial<PrivacyChoices>): { ok: true; choices: PrivacyChoices } | { ok: false; missing: keyof PrivacyChoices } {
  const missing = PRIVACY_QUESTIONS.find((q) => answers[q.key] === undefined);
  if (missing) return { ok: false, missing: missing.key };
  return { ok: true, choices: answers as PrivacyChoices };
}

/** Why a chosen file cannot be a scan to attach, before it is sent; null when it may go. */
export function scanFileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `Il file «${file.name}» è vuoto.`;
  if (file.size > MAX_SCAN_BYTES) return `Il file «${file.name}» è troppo grande (${formatBytes(file.size)}): il massimo è 10 MB. Scansionare a 200-300 dpi.`;
  return null;
}

/** "850 KB", "2,4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

/** The first characters of a document's hash, enough to tell two prints apart. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** A file's bytes as base64, for a call. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A PDF (or any file) the core sent as base64, as bytes for a Blob. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// ---------- the two-card authorization ----------

export interface RegistrationCheck {
  id: 'operator' | 'card-in' | 'card-matches' | 'card-valid';
  ok: boolean;
  text: string;
}

export interface RegistrationReadiness {
  checks: RegistrationCheck[];
  /** Everything the UI can see is in order; the core checks again when the button is pressed. */
  ready: boolean;
  /** Why the button is disabled, in one sentence (null when ready). */
  reason: string | null;
}

/**
 * Whether "Registra con le due carte" can be pressed for this patient: the operator logged in, a
 * Tessera Sanitaria read, and it is this patient's and not expired; then the core's own verdict.
 */
export function registrationReadiness(state: CardsState | null, codiceFiscale: string): RegistrationReadiness {
  const checks: RegistrationCheck[] = [];
  const operator = state?.operator ?? null;
  checks.push(
    operator
      ? { id: 'operator', ok: true, text: `Operatore collegato: ${operator.name} (PIN verificato)` }
      : { id: 'operator', ok: false, text: 'Nessun operatore collegato: inserire la carta operatore e digitare il PIN' },
  );
  const anyCard = (state?.readers ?? []).map((r) => r.card).find((c) => c?.status === 'ready' && c.kind === 'patient' && c.patient) ?? null;
  const own = patientCardFor(state, codiceFiscale);
  if (own) {
    checks.push({ id: 'card-in', ok: true, text: 'Tessera Sanitaria inserita nel lettore' });
    checks.push({ id: 'card-matches', ok: true, text: `La tessera è di questo paziente (${own.card.codiceFiscale})` });
    checks.push(
      own.card.expired
        ? { id: 'card-valid', ok: false, text: `Tessera scaduta il ${formatItalianDate(own.card.cardExpiry)}: serve una Tessera Sanitaria valida` }
        : { id: 'card-valid', ok: true, text: `Tessera valida fino al ${formatItalianDate(own.card.cardExpiry)}` },
    );
  } else if (anyCard?.patient) {
    checks.push({ id: 'card-in', ok: true, text: 'Tessera Sanitaria inserita nel lettore' });
    checks.push({
      id: 'card-matches',
      ok: false,
      text: `La tessera nel lettore è di ${patientCardName(anyCard.patient)}, non di questo paziente`,
    });
    checks.push({ id: 'card-valid', ok: false, text: 'Validità della tessera: da verificare con la tessera del paziente' });
  } else {
    checks.push({ id: 'card-in', ok: false, text: 'Inserire nel lettore la Tessera Sanitaria del paziente' });
    checks.push({ id: 'card-matches', ok: false, text: 'La tessera deve essere di questo paziente' });
    checks.push({ id: 'card-valid', ok: false, text: 'La tessera deve essere valida (non scaduta)' });
  }
  const failed = checks.find((c) => !c.ok);
  if (failed) return { checks, ready: false, reason: failed.text };
  if (state && !state.authorization.available) {
    return { checks, ready: false, reason: state.authorization.reason ?? 'Registrazione non possibile in questo momento.' };
  }
  return { checks, ready: true, reason: null };
}

// ---------- the Centro Servizi's lock ----------

export interface LockNotice {
  tone: Tone;
  text: string;
  /** Why the registration may not go ahead now; null when it may. */
  blocks: string | null;
  /** The check can usefully be asked again (no answer, or none yet possible). */
  retry: boolean;
}

/**
 * What the registration screen says of the Centro Servizi's answer, asked before the cards are
 * used: another Gestore's patient cannot be registered here; without an answer (offline, not
 * configured, the check failed) the registration goes ahead and the push checks again.
 */
export function lockNotice(check: LockCheck | null, failed: boolean): LockNotice {
  if (failed) return { tone: 'info', text: 'Verifica presso il Centro Servizi non riuscita: la presa in carico sarà verificata all’invio.', blocks: null, retry: true };
  if (check === null) return { tone: 'info', text: 'Verifica presso il Centro Servizi in corso…', blocks: 'Attendere la verifica presso il Centro Servizi', retry: false };
  switch (check.state) {
    case 'elsewhere':
      return { tone: 'error', text: check.message, blocks: `In carico ad altro Gestore: ${check.gestore ?? 'non indicato'}`, retry: false };
    case 'ours':
    case 'free':
      return { tone: 'ok', text: check.message, blocks: null, retry: false };
    case 'offline':
      return { tone: 'info', text: check.message, blocks: null, retry: true };
    case 'not-configured':
      return { tone: 'info', text: check.message, blocks: null, retry: false };
  }
}

/** A patient another Gestore holds, said plainly, with what became of a registration made here. */
export function lockedElsewhereText(view: Pick<EnrollmentView, 'otherGestore' | 'registeredOn'>): { title: string; detail: string } {
  const title = `In carico ad altro Gestore: ${view.otherGestore ?? 'non indicato'}`;
  const detail = view.registeredOn
    ? `Il Centro Servizi ha assegnato il paziente all’altro Gestore: la registrazione fatta in questo studio il ${formatItalianDate(view.registeredOn)} non vale e il paziente non è arruolabile da qui.`
    : 'Il paziente non è arruolabile da questo studio.';
  return { title, detail };
}

// ---------- audit log ----------

const AUDIT_ACTION_LABEL: Record<string, string> = {
  'enrollment.register': 'Registrazione con carte',
  'enrollment.sign': 'Firme registrate',
  'document.generate': 'Documento preparato',
  'document.print': 'Stampa documento',
  'document.copy': 'Copia di un documento firmato',
  'document.scan': 'Scansione allegata',
  'walkin.record': 'Lettera ATS registrata',
  'call.record': 'Telefonata',
  'enrollment.lapse': 'Registrazione scaduta',
  'enrollment.withdraw': 'Revoca',
  'enrollment.renew': 'Rinnovo',
  'enrollment.renewal-due': 'Rinnovo in scadenza',
  'enrollment.enrolled': 'Arruolamento completato',
  'enrollment.refuse': 'Rifiuto',
  'patient.create': 'Paziente inserito',
  'patient.create-from-card': 'Paziente inserito dalla Tessera Sanitaria',
  'patient.contacts': 'Recapiti aggiornati',
};

/** The Italian name of an audit action; unknown actions are shown as they are. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABEL[action] ?? action;
}

const DETAIL_KEY_LABEL: Record<string, string> = {
  outcome: 'esito',
  date: 'data',
  note: 'nota',
  reason: 'motivo',
  kind: 'documento',
  hash: 'impronta',
  documentHash: 'impronta',
  letterType: 'tipo di lettera',
  letterDate: 'data della lettera',
  deadline: 'scadenza',
  periodEnd: 'fine periodo',
  patto: 'Patto di Cura',
  privacy: 'privacy',
  cardSerial: 'tessera',
  patientCardSerial: 'tessera',
  from: 'da',
  to: 'a',
  state: 'stato',
  phone: 'telefono',
  mobile: 'cellulare',
  email: 'email',
  preferredCallTime: 'orario preferito',
  file: 'file',
  fileName: 'file',
  copy: 'copia',
  codiceFiscale: 'codice fiscale',
};

/** Internal references that mean nothing to the reader. */
const DETAIL_KEYS_HIDDEN = new Set(['enrollmentId', 'evidence']);

function detailValue(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  if (key === 'outcome' && value in CALL_OUTCOME_LABEL) return CALL_OUTCOME_LABEL[value as CallOutcome];
  if (key === 'kind' && value in CONSENT_KIND_LABEL) return CONSENT_KIND_LABEL[value as ConsentKind];
  if ((key === 'from' || key === 'to' || key === 'state') && value in ENROLLMENT_STATE_LABEL) return ENROLLMENT_STATE_LABEL[value as EnrollmentState];
  if ((key === 'hash' || key === 'documentHash') && /^[0-9a-f]{16,}$/i.test(value)) return shortHash(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatItalianDate(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatTimestamp(value);
  return value;
}

/** An audit entry's detail in one line: "esito: Non risponde; nota: ..." (nested values left out). */
export function auditDetailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return detailValue('', detail) ?? '';
  if (Array.isArray(detail)) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail as Record<string, unknown>)) {
    if (DETAIL_KEYS_HIDDEN.has(key)) continue;
    const text = detailValue(key, value);
    if (text !== null) parts.push(`${DETAIL_KEY_LABEL[key] ?? key}: ${text}`);
  }
  return parts.join('; ');
}
