import { describe, expect, it } from 'vitest';
import { fhirId, ids, uuidV5 } from './fhirIds';

describe('client-derived FHIR ids', () => {
  it('computes RFC 4122 version 5 UUIDs (the RFC draft example: DNS namespace, www.example.com)', () => {
    const dns = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex');
    expect(uuidV5('www.example.com', dns)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives every workstation the same id for the same business identifier, and different ones otherwise', () => {
    expect(ids.episode('RSSMRA50A01F205X', 2026)).toBe(ids.episode('RSSMRA50A01F205X', 2026));
    expect(ids.episode('RSSMRA50A01F205X', 2026)).not.toBe(ids.episode('RSSMRA50A01F205X', 2027));
    expect(fhirId('Patient', 'A')).not.toBe(fhirId('Practitioner', 'A'));
    expect(ids.patient('RSSMRA50A01F205X')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
