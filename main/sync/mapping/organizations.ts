import type { Organization, Practitioner } from '@medplum/fhirtypes';
import { ids } from '../fhirIds';
import { appUrls, type MappingContext, present, studioMeta, type WithId } from './common';
import type { GestoreRecord, ProviderRecord } from './records';

/** The studio's MMG, at the studio's address and phone. */
export function practitionerToFhir(ctx: MappingContext): WithId<Practitioner> {
  const { mmg, address, phone } = ctx.studio;
  return {
    resourceType: 'Practitioner',
    id: ids.practitioner(mmg.codiceFiscale),
    meta: studioMeta(ctx),
    identifier: [{ system: ctx.systems.codiceFiscale, value: mmg.codiceFiscale }],
    active: true,
    name: [{ use: 'official', text: mmg.name }],
    ...(present(phone) ? { telecom: [{ system: 'phone' as const, value: phone, use: 'work' as const }] } : {}),
    ...(present(address) ? { address: [{ use: 'work' as const, text: address }] } : {}),
  };
}

/** A Gestore of the presa in carico: ours, or the one holding a patient locked elsewhere. */
export function gestoreToFhir(gestore: GestoreRecord, ctx: MappingContext): WithId<Organization> {
  return {
    resourceType: 'Organization',
    id: ids.gestore(gestore.code),
    meta: studioMeta(ctx),
    identifier: [{ system: appUrls(ctx.systems).gestore, value: gestore.code }],
    active: true,
    type: [{ text: 'Gestore della presa in carico' }],
    name: gestore.name,
  };
}

/** A provider of the network, what bookings and appointments point to. */
export function providerToFhir(provider: ProviderRecord, ctx: MappingContext): WithId<Organization> {
  return {
    resourceType: 'Organization',
    id: ids.provider(provider.code),
    meta: studioMeta(ctx),
    identifier: [{ system: appUrls(ctx.systems).erogatore, value: provider.code }],
    active: true,
    type: [{ text: 'Erogatore della filiera' }],
    name: provider.name,
    ...(present(provider.phone) ? { telecom: [{ system: 'phone' as const, value: provider.phone, use: 'work' as const }] } : {}),
    ...(present(provider.address) ? { address: [{ use: 'work' as const, text: provider.address }] } : {}),
  };
}
