import type { ChronicLevel } from '../../../shared/domain/chronicLevel';
import { computeCodiceFiscale, omocodeVariant } from '../../../shared/domain/codiceFiscale';
import { addDays } from '../../../shared/domain/dates';
import type { LetterType } from '../../../shared/domain/letter';
import { PATHOLOGIES } from '../../../shared/domain/pathology';
import type { IncomingPatient } from '../../store/patientStore';
import { BIRTH_PLACES, FEMALE_NAMES, MALE_NAMES, SURNAMES } from './italianNames';
import { SeededRandom } from './random';

export interface DemoOptions {
  count: number;
  seed: number;
  /** Letters are dated in the weeks before this day. */
  referenceDate: string;
}

/** Per MMG the ATS counts about 20 level-1, 200 level-2 and 300 level-3 patients. */
const LEVELS: readonly (readonly [ChronicLevel, number])[] = [
  [1, 20],
  [2, 200],
  [3, 300],
];

/** Which letter a patient of each level most likely received (DOMAIN.md, "The letters"). */
const LETTERS_BY_LEVEL: Record<ChronicLevel, readonly (readonly [LetterType, number])[]> = {
  1: [[3, 60], [4, 25], [1, 10], [5, 5]],
  2: [[3, 60], [4, 25], [1, 10], [5, 5]],
  3: [[2, 70], [4, 15], [1, 5], [5, 10]],
};

const PATHOLOGIES_BY_LEVEL: Record<ChronicLevel, [number, number]> = { 1: [3, 5], 2: [2, 3], 3: [1, 1] };
const TRANCHE_OFFSETS = [-84, -56, -28, -7];
const BASE_CODES = PATHOLOGIES.map((p) => p.code);

/**
 * Realistic fake chronic patients with valid codici fiscali (homonyms get an omocode, as the
 * Agenzia delle Entrate does). Deterministic for a given seed and reference date.
 */
export function* generateDemoPatients(options: DemoOptions): Generator<IncomingPatient> {
  const rnd = new SeededRandom(options.seed);
  const used = new Set<string>();
  const tranches = TRANCHE_OFFSETS.map((d) => addDays(options.referenceDate, d));
  const referenceYear = Number(options.referenceDate.slice(0, 4));
  for (let i = 0; i < options.count; i++) {
    const sex = rnd.next() < 0.52 ? 'F' : 'M';
    const surname = rnd.pick(SURNAMES);
    const givenName = rnd.pick(sex === 'F' ? FEMALE_NAMES : MALE_NAMES);
    const birthYear = referenceYear - rnd.int(40, 95);
    const birthDate = addDays(`${birthYear}-01-01`, rnd.int(0, 364));
    const birthPlaceCode = rnd.weighted(BIRTH_PLACES);
    const codiceFiscale = uniqueCode(computeCodiceFiscale({ surname, givenName, sex, birthDate, birthPlaceCode }), used);
    if (!codiceFiscale) continue;
    const level = rnd.weighted(LEVELS);
    const [minP, maxP] = PATHOLOGIES_BY_LEVEL[level];
    const hasLetter = rnd.next() < 0.7;
    const trancheDate = rnd.pick(tranches);
    yield {
      codiceFiscale,
      surname,
      givenName,
      birthDate,
      sex,
      birthPlaceCode,
      phone: rnd.next() < 0.6 ? `0382 ${rnd.int(100000, 999999)}` : null,
      mobile: rnd.next() < 0.7 ? `3${rnd.int(20, 49)} ${rnd.int(1000000, 9999999)}` : null,
      email: null,
      chronicLevel: level,
      letters: hasLetter
        ? [{
            type: rnd.weighted(LETTERS_BY_LEVEL[level]),
            trancheDate,
            receivedAt: rnd.next() < 0.3 ? addDays(trancheDate, rnd.int(3, 6)) : null,
            note: null,
          }]
        : [],
      pathologies: rnd.sample(BASE_CODES, rnd.int(minP, maxP)).map((code) => ({ code, source: 'ats' as const, confirmed: false, icd9: null })),
    };
  }
}

/** Null when even the seventh omocode is taken: the generator then skips that person. */
function uniqueCode(base: string, used: Set<string>): string | null {
  for (let k = 0; k <= 7; k++) {
    const code = k === 0 ? base : omocodeVariant(base, k);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
  return null;
}
