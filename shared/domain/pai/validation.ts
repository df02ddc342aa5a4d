import { AppError } from '../../errors';
import type { Catalogue } from '../catalogue';
import { formatItalianDate } from '../dates';
import { pathologyName } from '../pathology';
import { cadenceLabel, cadenceProblems } from './cadence';
import { paiValidTo, type Pai } from './model';
import { itemOccurrences } from './schedule';

/**
 * The rules across the fields of a PAI, in Italian for the MMG. Errors must be fixed before the
 * PAI is activated (a draft may hold them while it is written); warnings only ask for a look.
 */

export interface PaiIssue {
  /** Stable identifier for tests and the CLI. */
  code: string;
  /** Where, as a dotted path into the PAI ("items.2.timing.period"); '' for the whole PAI. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

const error = (code: string, path: string, message: string): PaiIssue => ({ code, path, message, severity: 'error' });
const warning = (code: string, path: string, message: string): PaiIssue => ({ code, path, message, severity: 'warning' });

function pathologyIssues(pai: Pai): PaiIssue[] {
  if (pai.pathologies.length === 0) return [error('no-pathology', 'pathologies', 'Indicare le patologie del paziente, tra cui la primaria.')];
  const issues: PaiIssue[] = [];
  const primaries = pai.pathologies.filter((p) => p.role === 1).length;
  if (primaries === 0) issues.push(error('no-primary', 'pathologies', 'Manca la patologia primaria: indicarne una.'));
  if (primaries > 1) issues.push(error('many-primaries', 'pathologies', `Le patologie primarie sono ${primaries}: ne va indicata una sola, le altre come secondarie o ulteriori.`));
  const seen = new Set<number>();
  pai.pathologies.forEach((p, i) => {
    if (seen.has(p.code)) issues.push(error('duplicate-pathology', `pathologies.${i}`, `La patologia "${pathologyName(p.code) ?? p.code}" compare più volte.`));
    seen.add(p.code);
  });
  return issues;
}

function itemIssues(pai: Pai, catalogue: Catalogue | null): PaiIssue[] {
  const issues: PaiIssue[] = [];
  const seen = new Set<string>();
  pai.items.forEach((item, i) => {
    const at = `items.${i}`;
    if (seen.has(item.code)) issues.push(error('duplicate-item', at, `La prestazione ${item.code} compare più volte: tenerne una sola, con la cadenza voluta.`));
    seen.add(item.code);
    const cadence = cadenceProblems(item.timing);
    for (const p of cadence) issues.push(error('cadence', `${at}.timing.${p.field}`, `${item.code}: ${p.message}`));
    const { start, end } = item.timing.bounds;
    if (end !== null && end < start) issues.push(error('bounds', `${at}.timing.bounds.end`, `${item.code}: la data di fine precede la data di inizio.`));
    if (start < pai.validFrom) {
      issues.push(error('item-before-validity', `${at}.timing.bounds.start`, `${item.code} inizia il ${formatItalianDate(start)}, prima della validità del PAI (dal ${formatItalianDate(pai.validFrom)}).`));
    }
    if (catalogue && !catalogue.lookup(item.code).inCatalogue) {
      issues.push(warning('not-in-catalogue', `${at}.code`, `Il codice ${item.code} non è nel catalogo nazionale delle prestazioni: verificarlo.`));
    }
    if (cadence.length === 0 && itemOccurrences(item, pai).length === 0) {
      issues.push(warning('no-occurrence', at, `${item.code} (${cadenceLabel(item.timing)}) non cade in questo PAI: resta nel piano e passa al rinnovo.`));
    }
  });
  return issues;
}

/** Everything wrong with a PAI as it stands. Without a catalogue (the page has none) codes are not checked. */
export function paiIssues(pai: Pai, catalogue: Catalogue | null): PaiIssue[] {
  const issues: PaiIssue[] = [];
  const expectedTo = paiValidTo(pai.validFrom);
  if (pai.validTo !== expectedTo) {
    issues.push(error('validity', 'validTo', `Il PAI vale 12 mesi: dal ${formatItalianDate(pai.validFrom)} al ${formatItalianDate(expectedTo)}.`));
  }
  return [...issues, ...pathologyIssues(pai), ...itemIssues(pai, catalogue)];
}

/** What activation needs besides a PAI without errors: something planned and a lifestyle goal. */
export function activationIssues(pai: Pai, catalogue: Catalogue | null): PaiIssue[] {
  const issues = paiIssues(pai, catalogue);
  if (pai.items.length === 0) issues.push(error('no-items', 'items', 'Per attivare il PAI occorre almeno una prestazione programmata.'));
  if (pai.lifestyle.length === 0) issues.push(error('no-lifestyle', 'lifestyle', 'Per attivare il PAI occorre almeno un obiettivo sullo stile di vita.'));
  return issues;
}

export const errorsOf = (issues: readonly PaiIssue[]): PaiIssue[] => issues.filter((i) => i.severity === 'error');

export class PaiValidationError extends AppError {
  constructor(readonly issues: readonly PaiIssue[]) {
    super(
      'pai-invalid',
      `PAI not valid: ${issues.map((i) => i.code).join(', ')}`,
      `Il PAI non può essere attivato. ${issues.map((i) => i.message).join(' ')}`,
    );
  }
}
