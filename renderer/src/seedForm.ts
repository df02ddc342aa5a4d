/** Checks the "number of demo patients" field; the core checks again. */

export const SEED_DEFAULT = 1000;
export const SEED_MAX = 200_000;

export type SeedCountCheck = { ok: true; count: number } | { ok: false; message: string };

export function checkSeedCount(text: string): SeedCountCheck {
  const raw = text.trim();
  // "2.000" is how Italians write two thousand; "1.5" is not a whole number.
  const trimmed = /^\d{1,3}(\.\d{3})+$/.test(raw) ? raw.replace(/\./g, '') : raw;
  if (trimmed === '') return { ok: false, message: 'Indicare quanti pazienti dimostrativi creare.' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: 'Indicare un numero intero, scritto solo con cifre.' };
  const count = Number(trimmed);
  if (count < 1 || count > SEED_MAX) {
    return { ok: false, message: 'Indicare un numero tra 1 e 200.000.' };
  }
  return { ok: true, count };
}
