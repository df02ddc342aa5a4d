import type { Pai } from './model';

/**
 * How complete a PAI is, section by section: the figure the case manager's list shows. A
 * section counts once it holds something; pathologies only once one of them is the primary.
 */

export const PAI_SECTIONS = ['pathologies', 'drugs', 'prestazioni', 'lifestyle', 'vaccinations'] as const;
export type PaiSection = (typeof PAI_SECTIONS)[number];

export const PAI_SECTION_LABEL: Record<PaiSection, string> = {
  pathologies: 'Patologie',
  drugs: 'Farmaci cronici',
  prestazioni: 'Prestazioni programmate',
  lifestyle: 'Stile di vita',
  vaccinations: 'Vaccinazioni',
};

export interface PaiCompleteness {
  sections: Record<PaiSection, boolean>;
  missing: PaiSection[];
  /** Whole percent of the five sections filled. */
  percent: number;
}

export function paiCompleteness(pai: Pai): PaiCompleteness {
  const sections: Record<PaiSection, boolean> = {
    pathologies: pai.pathologies.some((p) => p.role === 1),
    drugs: pai.drugs.length > 0,
    prestazioni: pai.items.length > 0,
    lifestyle: pai.lifestyle.length > 0,
    vaccinations: pai.vaccinations.length > 0,
  };
  const missing = PAI_SECTIONS.filter((s) => !sections[s]);
  return { sections, missing, percent: Math.round((100 * (PAI_SECTIONS.length - missing.length)) / PAI_SECTIONS.length) };
}
