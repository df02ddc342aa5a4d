import fs from 'node:fs';
import path from 'node:path';
import { fromHex, toHex } from '../../../native/cards/bytes';
import { cardOn, CardImageFile } from '../../../native/virtual/cardImageFile';
import type { CardImage } from '../../../native/virtual/virtualCard';
import type { Step } from './scriptedTransmit';

/** Card images (shipped for demo mode) and extra test certificates, written by test/fixtures/cards/generate.ts. */
export const FIXTURES_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'native', 'virtual', 'images');
const CERTIFICATES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'cards', 'certificates.json');

/** The image as stored (a TS's personal data by its fields, dates relative to the day of insertion). */
export function fixtureImageFile(name: string): CardImageFile {
  return CardImageFile.parse(JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, `${name}.json`), 'utf8')));
}

/** The card as inserted on `today` (ISO). */
export function fixtureImage(name: string, today: string): CardImage {
  return cardOn(fixtureImageFile(name), today);
}

export function fixtureNames(): string[] {
  return fs
    .readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function extraCertificate(name: 'no-codice-fiscale' | 'wrong-check-character'): Uint8Array {
  const all = JSON.parse(fs.readFileSync(CERTIFICATES, 'utf8')) as Record<string, string>;
  return fromHex(all[name] as string);
}

/**
 * The READ BINARY exchange for a DER file as readOperatorCard performs it: 255 bytes at 0, then
 * chunks of at most 255 up to the DER length. (Command bytes computed, for certificates whose
 * length changes each time the fixtures are regenerated; the fixed-length case is hand-written.)
 */
export function certificateReads(der: Uint8Array): Step[] {
  const steps: Step[] = [];
  for (let at = 0; at < der.length; at += 255) {
    const n = Math.min(255, der.length - at);
    const le = at === 0 ? 255 : n;
    const answer = at === 0 && n < 255 ? '6282' : '9000';
    steps.push([toHex(Uint8Array.from([0x00, 0xb0, at >> 8, at & 0xff, le])), `${toHex(der.subarray(at, at + n))}${answer}`]);
  }
  return steps;
}
