/**
 * What the patient's copy of a PAI says, in plain Italian: for whom and by whom, the validity and
 * version, the pathologies, each prestazione with its catalogue code, its plain words, its cadence
 * and its months, a calendar month by month, the drugs, the lifestyle goals and the vaccinations.
 */
import type { ChronicLevel } from '../../shared/domain/chronicLevel';
import { formatItalianDate } from '../../shared/domain/dates';
import { LIFESTYLE_AREA_LABEL, type Pai, type PaiStatus, type PathologyRole, type Severity } from '../../shared/domain/pai/model';
import { itemOccurrences, paiSchedule } from '../../shared/domain/pai/schedule';
import { pathologyName } from '../../shared/domain/pathology';
import { documentAssetsDir } from './assets';
import { checkDocumentDate, PARTY_PLACEHOLDERS, partyValues, type DocumentPatient, type DocumentStudio } from './documentParties';
import { cadenceInWords, joinWithAnd, monthAndYear, monthsInWords } from './italianWords';
import { loadPlainWords, type PlainWords } from './prestazioniWords';
import type { PlaceholderValues } from './templates';

export interface PaiDocumentInput {
  pai: Pai;
  patient: DocumentPatient;
  studio: DocumentStudio;
  /** The day it is printed, ISO YYYY-MM-DD: the date by the signatures and the PDF's. */
  date: string;
}

/** The placeholders of pai.md, with the Italian description shown when one has no value. */
export const PAI_PLACEHOLDERS = {
  ...PARTY_PLACEHOLDERS,
  data: 'data del documento',
  anno: 'anno del PAI',
  versione: 'versione del PAI',
  stato_piano: 'stato del PAI',
  valido_dal: 'inizio della validità del PAI',
  valido_al: 'fine della validità del PAI',
  livello: 'livello di complessità',
} as const satisfies Record<string, string>;

export type PaiPlaceholder = keyof typeof PAI_PLACEHOLDERS;

/** The lists of pai.md and the fields of their rows, with their Italian descriptions. */
export const PAI_LISTS = {
  patologie: { patologia: 'nome della patologia', codice_patologia: 'codice regionale della patologia', ruolo: 'ruolo della patologia', gravita: 'gravità della patologia' },
  prestazioni: { codice: 'codice della prestazione', prestazione: 'nome della prestazione', spiegazione: 'spiegazione della prestazione', cadenza: 'cadenza della prestazione', mesi: 'mesi previsti' },
  calendario: { mese: 'mese', prestazioni_del_mese: 'prestazioni del mese' },
  farmaci: { farmaco: 'nome del farmaco', atc: 'codice ATC del farmaco', dosaggio: 'dosaggio del farmaco' },
  stile_di_vita: { area: 'ambito dello stile di vita', obiettivo: 'obiettivo sullo stile di vita' },
  vaccinazioni: { vaccino: 'vaccino', stato_vaccino: 'stato della vaccinazione' },
} as const satisfies Record<string, Record<string, string>>;

type PaiList = keyof typeof PAI_LISTS;

const LIST_LABELS: Record<PaiList, string> = {
  patologie: 'patologie',
  prestazioni: 'prestazioni',
  calendario: 'calendario',
  farmaci: 'farmaci',
  stile_di_vita: 'stile di vita',
  vaccinazioni: 'vaccinazioni',
};

/** Every description, for the template's messages: placeholders, list names and row fields. */
export const PAI_LABELS: Readonly<Record<string, string>> = Object.assign({}, PAI_PLACEHOLDERS, LIST_LABELS, ...Object.values(PAI_LISTS));

export interface PaiDocumentData {
  /** The day it is printed, ISO. */
  date: string;
  values: Record<PaiPlaceholder, string | undefined>;
  lists: Record<PaiList, PlaceholderValues[]>;
}

/** The status as the patient's copy says it: "PAI 2025, versione 2, in vigore". */
const STATUS_WORDS: Record<PaiStatus, string> = {
  draft: 'bozza da concordare con il medico',
  active: 'in vigore',
  expired: 'scaduto',
  superseded: 'sostituito da una versione successiva',
  cancelled: 'annullato',
};

const LEVEL_WORDS: Record<ChronicLevel, string> = {
  1: 'livello 1, fragilità clinica o funzionale: il bisogno di assistenza è il più alto',
  2: 'livello 2, più patologie croniche insieme',
  3: 'livello 3, una patologia cronica in fase iniziale',
};

const ROLE_WORDS: Record<PathologyRole, string> = {
  1: 'patologia principale',
  2: 'patologia secondaria',
  3: 'altra patologia',
  4: 'condizione clinica prevalente',
};

const SEVERITY_WORDS: Record<Severity, string> = { 1: 'gravità alta', 2: 'gravità media', 3: 'gravità bassa' };

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Free text the template ends with its own full stop. */
const withoutFinalStop = (text: string): string => text.replace(/[.;\s]+$/, '');

function pathologyRows(pai: Pai): PlaceholderValues[] {
  // The primary first, then as the MMG listed them.
  return [...pai.pathologies]
    .sort((a, b) => a.role - b.role)
    .map((p) => ({ patologia: pathologyName(p.code) ?? undefined, codice_patologia: String(p.code), ruolo: ROLE_WORDS[p.role], gravita: SEVERITY_WORDS[p.severity] }));
}

function prestazioneRows(pai: Pai, words: PlainWords): PlaceholderValues[] {
  return pai.items.map((item) => {
    const w = words.describe(item.code, item.description);
    const months = monthsInWords(itemOccurrences(item, pai).map((o) => o.date));
    return {
      codice: w.code,
      prestazione: w.name,
      spiegazione: w.explanation,
      cadenza: cadenceInWords(item.timing),
      mesi: months === '' ? 'non cade nel periodo di questo piano' : `in questo piano: ${months}`,
    };
  });
}

/** Month by month, what falls due: "Marzo 2025: Emoglobina glicata, Glicemia e Visita di controllo". */
function calendarRows(pai: Pai, words: PlainWords): PlaceholderValues[] {
  const byMonth = new Map<string, string[]>();
  for (const o of paiSchedule(pai)) {
    const month = o.date.slice(0, 7);
    const names = byMonth.get(month) ?? [];
    const name = words.describe(o.code, o.description).name;
    if (!names.includes(name)) names.push(name);
    byMonth.set(month, names);
  }
  return [...byMonth].map(([month, names]) => ({ mese: capitalized(monthAndYear(`${month}-01`)), prestazioni_del_mese: joinWithAnd(names) }));
}

function vaccinationState(v: Pai['vaccinations'][number]): string {
  if (v.doneOn !== null) return `fatta il ${formatItalianDate(v.doneOn)}`;
  if (v.dueOn !== null) return `da fare entro il ${formatItalianDate(v.dueOn)}`;
  return 'da concordare con il medico';
}

/**
 * The PAI's document data. Missing required values (a blank surname, a studio without a phone)
 * stay missing here and are refused by the template when printing. Throws InvalidInputError /
 * InvalidCodiceFiscaleError for malformed values, DocumentDataError for a damaged words file.
 */
export function paiDocumentData(input: PaiDocumentInput): PaiDocumentData {
  const { pai } = input;
  const date = checkDocumentDate(input.date);
  const words = loadPlainWords(documentAssetsDir());
  return {
    date,
    values: {
      ...partyValues(input.patient, input.studio),
      data: formatItalianDate(date),
      anno: String(pai.year),
      versione: String(pai.version),
      stato_piano: STATUS_WORDS[pai.status],
      valido_dal: formatItalianDate(pai.validFrom),
      valido_al: formatItalianDate(pai.validTo),
      livello: LEVEL_WORDS[pai.chronicLevel],
    },
    lists: {
      patologie: pathologyRows(pai),
      prestazioni: prestazioneRows(pai, words),
      calendario: calendarRows(pai, words),
      farmaci: pai.drugs.map((d) => ({ farmaco: d.name, atc: d.atc, dosaggio: withoutFinalStop(d.dosage ?? '') || 'secondo le indicazioni del medico' })),
      stile_di_vita: pai.lifestyle.map((l) => ({ area: LIFESTYLE_AREA_LABEL[l.area], obiettivo: withoutFinalStop(l.goal) })),
      vaccinazioni: pai.vaccinations.map((v) => ({ vaccino: v.vaccine, stato_vaccino: vaccinationState(v) })),
    },
  };
}
