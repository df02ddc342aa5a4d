import { z } from 'zod';
import { CodiceFiscale } from '../../../shared/domain/patient';
import type { FhirSystems } from '../systems';
import { FhirMappingError } from './errors';

/**
 * What the reverse mappings read of the server's JSON, checked before use: only the elements
 * they look at, each optional as FHIR has it, unknown elements ignored.
 */

const CodingIn = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
export const CodeableConceptIn = z.object({ coding: z.array(CodingIn).optional(), text: z.string().optional() });
export const IdentifierIn = z.object({ system: z.string().optional(), value: z.string().optional() });
export const ReferenceIn = z.object({ reference: z.string().optional(), identifier: IdentifierIn.optional(), display: z.string().optional() });
export const PeriodIn = z.object({ start: z.string().optional(), end: z.string().optional() });
export const AnnotationIn = z.object({ text: z.string() });
export const MetaIn = z.object({ lastUpdated: z.string().optional() });

const ExtensionBase = z.object({
  url: z.string(),
  valueString: z.string().optional(),
  valueCode: z.string().optional(),
  valueDate: z.string().optional(),
  valueTime: z.string().optional(),
  valueIdentifier: IdentifierIn.optional(),
  valueCodeableConcept: CodeableConceptIn.optional(),
});
export type ExtensionIn = z.infer<typeof ExtensionBase> & { extension?: ExtensionIn[] };
export const ExtensionIn: z.ZodType<ExtensionIn> = ExtensionBase.extend({ extension: z.lazy(() => z.array(ExtensionIn)).optional() });

export type CodeableConceptIn = z.infer<typeof CodeableConceptIn>;
export type IdentifierIn = z.infer<typeof IdentifierIn>;
export type ReferenceIn = z.infer<typeof ReferenceIn>;

/** The resource as `schema` reads it, or a FhirMappingError naming the first bad element. */
export function readResource<S extends z.ZodType>(resourceType: string, schema: S, resource: unknown): z.output<S> {
  const found = typeof resource === 'object' && resource !== null ? (resource as { resourceType?: unknown }).resourceType : undefined;
  if (found !== resourceType) throw new FhirMappingError(resourceType, `expected a ${resourceType}, got ${describe(found)}`);
  const parsed = schema.safeParse(resource);
  if (!parsed.success) throw new FhirMappingError(resourceType, issueText(parsed.error));
  return parsed.data;
}

/** A record rebuilt from the resource, checked with the domain's own schema. */
export function checked<S extends z.ZodType>(resourceType: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new FhirMappingError(resourceType, issueText(parsed.error));
  return parsed.data;
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? 'no resourceType' : typeof value;
}

export function resourceTypeOf(resource: unknown): string {
  const found = typeof resource === 'object' && resource !== null ? (resource as { resourceType?: unknown }).resourceType : undefined;
  return typeof found === 'string' ? found : describe(found);
}

export function identifierValue(identifiers: readonly IdentifierIn[] | undefined, system: string): string | undefined {
  return identifiers?.find((i) => i.system === system && i.value !== undefined)?.value;
}

/** The codice fiscale under the written system or the OID older senders use, checked and normalized. */
export function codiceFiscaleIn(resourceType: string, identifiers: readonly (IdentifierIn | undefined)[] | undefined, systems: FhirSystems): string | undefined {
  const value = identifiers?.find((i) => i !== undefined && (i.system === systems.codiceFiscale || i.system === systems.codiceFiscaleOid) && i.value !== undefined)?.value;
  return value === undefined ? undefined : checked(resourceType, CodiceFiscale, value);
}

export function codeIn(concept: CodeableConceptIn | undefined, system: string): string | undefined {
  return concept?.coding?.find((c) => c.system === system && c.code !== undefined)?.code;
}

export function extensionIn(extensions: readonly ExtensionIn[] | undefined, url: string): ExtensionIn | undefined {
  return extensions?.find((e) => e.url === url);
}

/** The JSON a valueString extension carries, or a FhirMappingError. */
export function jsonIn(resourceType: string, extension: ExtensionIn): unknown {
  if (extension.valueString === undefined) throw new FhirMappingError(resourceType, `extension ${extension.url} has no valueString`);
  try {
    return JSON.parse(extension.valueString) as unknown;
  } catch {
    throw new FhirMappingError(resourceType, `extension ${extension.url} is not JSON`);
  }
}

export function required<T>(resourceType: string, value: T | undefined, what: string): T {
  if (value === undefined) throw new FhirMappingError(resourceType, `no ${what}`);
  return value;
}

/** The id of a literal reference to `type`, relative or absolute, versioned or not ("ServiceRequest/abc" → "abc"). */
export function referencedId(reference: ReferenceIn | undefined, type: string): string | undefined {
  const match = reference?.reference?.match(new RegExp(`(?:^|/)${type}/([^/]+)(?:/_history/[^/]+)?$`));
  return match?.[1];
}
