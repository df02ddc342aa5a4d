import { z } from 'zod';

/**
 * Regional stratification (DGR X/6164/2017): levels 1-3 are the chronic patients of the PiC.
 * Levels 4-5 are not chronic and never enter the programme, so they have no value here.
 */
export const ChronicLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type ChronicLevel = z.infer<typeof ChronicLevel>;

export const CHRONIC_LEVEL_LABEL: Record<ChronicLevel, string> = {
  1: 'Livello 1 - fragilità clinica e/o funzionale',
  2: 'Livello 2 - cronicità polipatologica',
  3: 'Livello 3 - cronicità in fase iniziale',
};

/** Severity in Regione Lombardia's FHIR code system GPC-LivelloGravita. */
export const GRAVITA_BY_LEVEL: Record<ChronicLevel, { code: string; display: string }> = {
  1: { code: '1', display: 'alta' },
  2: { code: '2', display: 'media' },
  3: { code: '3', display: 'bassa' },
};
