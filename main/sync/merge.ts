import type { Resource } from '@medplum/fhirtypes';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON with sorted keys: two copies of one content compare equal whatever order a server writes them in. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value as Json));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortKeys(v[k]!);
    return out;
  }
  return v;
}

/** The resource as its content: the server's bookkeeping (version, time, source) is not part of it. */
export function contentOf(resource: Resource): Resource {
  const { meta, ...rest } = resource;
  return (meta?.tag?.length ? { ...rest, meta: { tag: meta.tag } } : rest) as Resource;
}

function unionOfTags(a: Resource, b: Resource): NonNullable<NonNullable<Resource['meta']>['tag']> {
  const seen = new Map<string, NonNullable<NonNullable<Resource['meta']>['tag']>[number]>();
  for (const t of [...(a.meta?.tag ?? []), ...(b.meta?.tag ?? [])]) seen.set(`${t.system}|${t.code}`, t);
  return [...seen.values()];
}

export type MergeResult = { kind: 'merged'; resource: Resource; theirsChanged: boolean } | { kind: 'conflict'; fields: string[] };

/**
 * Three-way merge by top-level element: what only one side changed since the base is taken from
 * that side; an element both sides changed differently is a conflict for a person. Without a base
 * (both created it apart) any difference is a conflict.
 */
export function mergeResources(base: Resource | null, ours: Resource, theirs: Resource): MergeResult {
  const b = (base ? contentOf(base) : null) as Record<string, unknown> | null;
  const o = contentOf(ours) as unknown as Record<string, unknown>;
  const t = contentOf(theirs) as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  const conflicts: string[] = [];
  let theirsChanged = false;
  const tags = unionOfTags(ours, theirs);
  if (tags.length) merged.meta = { tag: tags };
  for (const key of new Set([...Object.keys(o), ...Object.keys(t)])) {
    // Tags are a set: a patient of two studios carries both studios' tags.
    if (key === 'meta') continue;
    const [ov, tv] = [canonical(o[key]), canonical(t[key])];
    if (ov === tv) {
      if (o[key] !== undefined) merged[key] = o[key];
      continue;
    }
    const bv = b ? canonical(b[key]) : null;
    if (bv === ov) {
      if (t[key] !== undefined) merged[key] = t[key];
      theirsChanged = true;
    } else if (bv === tv) {
      if (o[key] !== undefined) merged[key] = o[key];
    } else {
      conflicts.push(key);
    }
  }
  return conflicts.length ? { kind: 'conflict', fields: conflicts.sort() } : { kind: 'merged', resource: merged as unknown as Resource, theirsChanged };
}
