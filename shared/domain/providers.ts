import { z } from 'zod';
import seed from '../data/erogatori-cmmc.json';

/**
 * The providers of a cooperative's network (filiera erogativa, seed 003): who may perform the
 * PAI's prestazioni. Shipped as shared/data/erogatori-cmmc.json, the CMMC lists for ATS Milano
 * and ATS Pavia of 10 November 2017, for the store's catalogue of providers to be seeded from.
 */

export const Ats = z.enum(['milano', 'pavia']);
export type Ats = z.infer<typeof Ats>;
export const ATS_LABEL: Record<Ats, string> = { milano: 'ATS Città Metropolitana di Milano', pavia: 'ATS Pavia' };

/** A coarse grouping for lists and filters, read from the names (no official classification). */
export const ProviderKind = z.enum(['asst', 'irccs', 'casa_di_cura', 'istituto', 'poliambulatorio', 'laboratorio', 'diagnostica', 'domiciliare', 'altro']);
export type ProviderKind = z.infer<typeof ProviderKind>;
export const PROVIDER_KIND_LABEL: Record<ProviderKind, string> = {
  asst: 'ASST (pubblica)',
  irccs: 'IRCCS',
  casa_di_cura: 'Casa di cura',
  istituto: 'Ospedale, istituto o fondazione',
  poliambulatorio: 'Poliambulatorio',
  laboratorio: 'Laboratorio e punti prelievo',
  diagnostica: 'Centro diagnostico',
  domiciliare: 'Assistenza domiciliare e ossigenoterapia',
  altro: 'Altro',
};

/** Which part of an ATS's list names the provider: the lists tell these apart. */
export const NetworkSection = z.enum(['set_di_riferimento', 'fuori_set', 'non_valutato_ats']);
export type NetworkSection = z.infer<typeof NetworkSection>;
export const NETWORK_SECTION_LABEL: Record<NetworkSection, string> = {
  set_di_riferimento: 'Erogatore per prestazioni comprese nei set di riferimento',
  fuori_set: 'Erogatore per prestazioni non comprese nei set di riferimento',
  non_valutato_ats: 'Non valutato dall\'ATS ma compreso nella filiera erogativa',
};

export const Provider = z.object({
  /** Stable identifier, what a booking's slot names. */
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  kind: ProviderKind,
  /** The lists give none; kept for the store, where the Centro Servizi fills it in. */
  address: z.string().nullable(),
  /** Hospitals, branches or blood-drawing points, as the list names them. */
  sites: z.array(z.string().min(1)),
  networks: z.array(z.object({ ats: Ats, section: NetworkSection })).min(1),
  note: z.string().nullable(),
});
export type Provider = z.infer<typeof Provider>;

export const ProviderList = z.object({
  source: z.string(),
  updated: z.string(),
  providers: z.array(Provider),
});

export const PROVIDERS: readonly Provider[] = ProviderList.parse(seed).providers;

/** The codes of the providers in an ATS's network, every section included. */
export function networkOf(ats: Ats, providers: readonly Provider[] = PROVIDERS): ReadonlySet<string> {
  return new Set(providers.filter((p) => p.networks.some((n) => n.ats === ats)).map((p) => p.code));
}
