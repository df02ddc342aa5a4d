import { describe, expect, it } from 'vitest';
import { isValidCodiceFiscale } from '../../../shared/domain/codiceFiscale';
import { generateDemoPatients } from './demoPatients';

const generate = (seed: number, count = 3000) => [...generateDemoPatients({ count, seed, referenceDate: '2026-11-23' })];

describe('demo patients', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    expect(generate(42, 200)).toEqual(generate(42, 200));
    expect(generate(43, 200)).not.toEqual(generate(42, 200));
  });

  it('have valid, unique codici fiscali (homonyms become omocodes)', () => {
    const rows = generate(1, 20000);
    expect(rows.every((p) => isValidCodiceFiscale(p.codiceFiscale))).toBe(true);
    expect(new Set(rows.map((p) => p.codiceFiscale)).size).toBe(rows.length);
  });

  it('look like a GP list of chronic patients', () => {
    const rows = generate(2);
    const share = (level: number) => rows.filter((p) => p.chronicLevel === level).length / rows.length;
    expect(share(3)).toBeGreaterThan(share(2));
    expect(share(2)).toBeGreaterThan(share(1));
    expect(share(1)).toBeGreaterThan(0);
    expect(rows.every((p) => p.pathologies.length >= 1)).toBe(true);
    const withLetter = rows.filter((p) => p.letters.length > 0);
    expect(withLetter.length / rows.length).toBeGreaterThan(0.5);
    expect(withLetter.every((p) => p.letters[0]!.trancheDate !== null && p.letters[0]!.trancheDate < '2026-11-23')).toBe(true);
    expect(rows.every((p) => p.birthDate >= '1931-01-01' && p.birthDate <= '1986-12-31')).toBe(true);
  });
});
