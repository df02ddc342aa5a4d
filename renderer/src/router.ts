import { DESK } from '../../shared/domain/access';
import type { OperatorRole } from '../../shared/domain/operator';

/**
 * Hash routing ("#/pazienti/123"): works the same from http:// and file://, needs no server
 * rewrite and no router library. Pure functions; the hook that follows the address is useRoute.
 */

export interface PageDef {
  id: string;
  label: string;
  /** The roles that work on it (the core refuses the others' calls anyway); every role when absent. */
  roles?: readonly OperatorRole[];
  /** What the page is for, in one sentence (said where the role may not open it). */
  purpose: string;
}

export const PAGES = [
  {
    id: 'oggi',
    label: 'Oggi',
    purpose: 'La giornata dello studio: appuntamenti di arruolamento, pazienti da richiamare, scadenze; al primo avvio, i passi per cominciare.',
  },
  {
    id: 'accoglienza',
    roles: DESK,
    label: 'Accoglienza',
    purpose:
      'Registrazione dei pazienti che si presentano con la lettera ATS: tipo e data della lettera, numero di telefono, avviso che verranno ricontattati.',
  },
  {
    id: 'richiami',
    label: 'Richiami',
    purpose:
      'Elenco dei pazienti da richiamare: chi ha lasciato la lettera e chi è nella lista ATS ma non si è ancora presentato.',
  },
  {
    id: 'agenda',
    label: 'Agenda',
    purpose: "Gli appuntamenti di arruolamento fissati al telefono, giorno per giorno, con l'ora.",
  },
  {
    id: 'pazienti',
    label: 'Pazienti',
    purpose: 'Ricerca dei pazienti per cognome, nome o codice fiscale e consultazione della scheda.',
  },
  {
    id: 'arruolamento',
    roles: DESK,
    label: 'Arruolamento',
    purpose:
      "Registrazione della presa in carico con la carta SISS dell'operatore e la Tessera Sanitaria del paziente, poi firma del Patto di Cura e del consenso privacy entro una settimana.",
  },
  {
    id: 'pai',
    label: 'PAI',
    purpose:
      "Stesura e rinnovo del Piano di Assistenza Individuale: prestazioni dell'anno con la loro cadenza, farmaci, stili di vita e vaccinazioni.",
  },
  {
    id: 'prenotazioni',
    label: 'Prenotazioni',
    purpose:
      "Prenotazione delle prestazioni del PAI presso gli erogatori, con classe di priorità, date della prenotazione, promemoria al paziente e aderenza al piano.",
  },
  {
    id: 'importazione',
    roles: DESK,
    label: 'Importazione',
    purpose:
      'Importazione di pazienti, diagnosi e terapie dal software di cartella clinica (ad esempio Millewin) e della lista ATS dei pazienti cronici.',
  },
  {
    id: 'sincronizzazione',
    label: 'Sincronizzazione',
    purpose: 'Invio dei dati al Centro Servizi: il collegamento, i dati ancora da inviare, quelli rifiutati e quelli modificati in due posti.',
  },
  {
    id: 'impostazioni',
    label: 'Impostazioni',
    purpose: "Dati dello studio, informazioni sull'installazione e dati dimostrativi.",
  },
] as const satisfies readonly PageDef[];

export type PageId = (typeof PAGES)[number]['id'];

/** Whether the navigation offers the page to an operator with this role. */
export function pageAllowed(page: PageDef, role: OperatorRole | null): boolean {
  return page.roles === undefined || (role !== null && page.roles.includes(role));
}

/** Where an address without a route lands. */
export const HOME_PAGE: PageId = 'oggi';

export type Route =
  | { kind: 'page'; page: PageId }
  | { kind: 'patient'; page: 'pazienti'; patientId: number }
  /** Accoglienza with this patient chosen: the letter form. */
  | { kind: 'walkin'; page: 'accoglienza'; patientId: number }
  /** Arruolamento of this patient. */
  | { kind: 'enroll'; page: 'arruolamento'; patientId: number }
  /** The PAI of this patient. */
  | { kind: 'pai'; page: 'pai'; patientId: number }
  | { kind: 'not-found'; path: string };

const PAGE_IDS = new Set<string>(PAGES.map((p) => p.id));

function isPageId(text: string): text is PageId {
  return PAGE_IDS.has(text);
}

export function pageDef(id: PageId): PageDef {
  return PAGES.find((p) => p.id === id) as PageDef;
}

/** "#/pazienti/12" -> patient 12; "", "#", "#/" -> the home page; anything unknown -> not-found. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const path = raw.replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '') return { kind: 'page', page: HOME_PAGE };
  const segments = path.split('/');
  const first = (segments[0] ?? '').toLowerCase();
  if (!isPageId(first)) return { kind: 'not-found', path: raw };
  if (segments.length === 1) return { kind: 'page', page: first };
  if (segments.length === 2 && /^[1-9]\d{0,14}$/.test(segments[1] ?? '')) {
    const patientId = Number(segments[1]);
    if (first === 'pazienti') return { kind: 'patient', page: 'pazienti', patientId };
    if (first === 'accoglienza') return { kind: 'walkin', page: 'accoglienza', patientId };
    if (first === 'arruolamento') return { kind: 'enroll', page: 'arruolamento', patientId };
    if (first === 'pai') return { kind: 'pai', page: 'pai', patientId };
  }
  return { kind: 'not-found', path: raw };
}

export function pageHref(page: PageId): string {
  return `#/${page}`;
}

export function patientHref(id: number): string {
  return `#/pazienti/${id}`;
}

/** Accoglienza with the patient chosen (the letter form). */
export function walkinHref(id: number): string {
  return `#/accoglienza/${id}`;
}

/** Arruolamento of one patient. */
export function enrollHref(id: number): string {
  return `#/arruolamento/${id}`;
}

/** The PAI of one patient. */
export function paiHref(id: number): string {
  return `#/pai/${id}`;
}

/**
 * Where a Tessera Sanitaria just inserted takes the user: Accoglienza and Arruolamento choose the
 * card's patient in place (the secretary is working there); anywhere else the patient's sheet opens.
 */
export function cardPatientHref(route: Route, patientId: number): string {
  if (route.kind !== 'not-found' && route.page === 'accoglienza') return walkinHref(patientId);
  if (route.kind !== 'not-found' && route.page === 'arruolamento') return enrollHref(patientId);
  return patientHref(patientId);
}

/** A stable key for a route: the page is mounted anew when it changes. */
export function routeKey(route: Route): string {
  switch (route.kind) {
    case 'not-found':
      return `not-found ${route.path}`;
    case 'page':
      return route.page;
    default:
      return `${route.page}/${route.patientId}`;
  }
}

/** The nav entry a route belongs to (highlighted in the navigation). */
export function activePage(route: Route): PageId | null {
  return route.kind === 'not-found' ? null : route.page;
}

/** Window title: "Pazienti - PiC Studio". */
export function documentTitle(route: Route): string {
  if (route.kind === 'not-found') return 'Pagina non trovata - PiC Studio';
  if (route.kind === 'patient') return 'Scheda paziente - PiC Studio';
  if (route.kind === 'walkin') return 'Accoglienza - PiC Studio';
  if (route.kind === 'enroll') return 'Arruolamento - PiC Studio';
  if (route.kind === 'pai') return 'PAI del paziente - PiC Studio';
  return `${pageDef(route.page).label} - PiC Studio`;
}
