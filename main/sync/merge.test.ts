import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { canonical, contentOf, mergeResources } from './merge';

const base: Patient = { resourceType: 'Patient', id: 'p', birthDate: '1950-01-01', telecom: [{ system: 'phone', value: '02 1' }], gender: 'male' };

describe('three-way merge of a resource', () => {
  it('compares content whatever the key order and the server bookkeeping', () => {
    const server = { meta: { versionId: '7', lastUpdated: '2026-01-01T00:00:00Z' }, gender: 'male', id: 'p', resourceType: 'Patient', birthDate: '1950-01-01', telecom: [{ value: '02 1', system: 'phone' }] } as Patient;
    expect(canonical(contentOf(server))).toBe(canonical(contentOf(base)));
  });

  it('writes the text of a key-sorted copy, as the contents known from earlier versions were written', () => {
    const sortedCopy = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortedCopy) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sortedCopy((v as Record<string, unknown>)[k])])) : v;
    const samples: unknown[] = [
      { z: 1, a: [3, { y: null, b: 'è"\\\n' }, undefined, [true, false]], m: undefined, n: { '': 0.5, 'é': -0 } },
      [],
      {},
      'testo',
      42,
      null,
      { resourceType: 'Patient', name: [{ given: ['MARIA', 'ROSA'], family: 'ROSSI' }], extension: [{ url: 'u', valueCodeableConcept: { coding: [{ code: '015146', system: 's' }] } }] },
    ];
    for (const v of samples) expect(canonical(v)).toBe(JSON.stringify(sortedCopy(v)));
  });

  it("takes each side's own changes", () => {
    const ours = { ...base, telecom: [{ system: 'phone' as const, value: '02 2' }] };
    const theirs = { ...base, birthDate: '1950-01-02' };
    expect(mergeResources(base, ours, theirs)).toEqual({ kind: 'merged', theirsChanged: true, resource: { ...base, telecom: ours.telecom, birthDate: '1950-01-02' } });
    expect(mergeResources(base, ours, base)).toEqual({ kind: 'merged', theirsChanged: false, resource: ours });
  });

  it('keeps the tags of both sides: one patient, two studios', () => {
    const tag = (code: string) => ({ system: 'https://pic-studio.it/fhir/studio', code });
    const ours = { ...base, meta: { tag: [tag('A')] } };
    const theirs = { ...base, meta: { versionId: '3', tag: [tag('B')] } };
    expect(mergeResources(null, ours, theirs)).toEqual({ kind: 'merged', theirsChanged: false, resource: { ...base, meta: { tag: [tag('A'), tag('B')] } } });
  });

  it('calls a conflict what both changed differently, and any difference without a base', () => {
    const ours = { ...base, telecom: [{ system: 'phone' as const, value: '02 2' }] };
    const theirs = { ...base, telecom: [{ system: 'phone' as const, value: '02 3' }], gender: 'female' as const };
    expect(mergeResources(base, ours, theirs)).toEqual({ kind: 'conflict', fields: ['telecom'] });
    expect(mergeResources(null, ours, base)).toEqual({ kind: 'conflict', fields: ['telecom'] });
    expect(mergeResources(null, base, { ...base, meta: { versionId: '2' } })).toMatchObject({ kind: 'merged' });
  });
});
