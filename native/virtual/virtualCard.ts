import { z } from 'zod';

/**
 * The virtual card's APDU engine: a card image in memory answering the ISO 7816-4 subset the
 * Italian card protocols use (native/cards). Pure: the vpcd socket lives in vpcdLink.ts.
 *
 * Card image JSON (native/virtual/images/*.json, made by test/fixtures/cards/generate.ts):
 *
 *   {
 *     "label": "TS-CNS Mario Rossi",                 // shown in the demo
 *     "kind": "patient" | "operator" | "unknown",   // what the card is meant to be
 *     "atr": "3BFF1800...",                          // hex, spaces allowed
 *     "files": { "3F00/1100/1102": "<hex>", ... },   // EFs by full path from the MF
 *     "pin": null | {
 *       "reference": 16,                             // P2 of VERIFY
 *       "value": "12345678",                         // 4-8 digits
 *       "padding": "ff-to-8" | "none",               // how the card expects the VERIFY data
 *       "triesLeft": 3, "maxTries": 3                // 0 = blocked; at most 15
 *     },
 *     "selectByPath": false                          // optional: refuse SELECT by path (6A86)
 *   }
 *
 * DFs exist implicitly as prefixes of the EF paths ("3F00/1100" exists when "3F00/1100/1102" does);
 * the MF always exists. Files are readable without PIN.
 *
 * Commands (short APDUs, CLA 00, else 6E00; unknown INS 6D00; malformed lengths 6700):
 * - SELECT A4, P1=08: path from the MF without 3F00 (6A86 when the image says selectByPath false);
 *   P1=00: a FID among the current DF, its children, its parent and the parent's children; 3F00
 *   always selects the MF. Not found 6A82. Answers 90 00 without FCI.
 * - READ BINARY B0: offset in P1 (7 bits) P2, Le 00 = 256. No current EF 6986; offset at or past
 *   the end 6B00; fewer bytes than Le: what exists + 6282. SFI addressing 6A81.
 * - VERIFY 20, P1 00, P2 the image's reference (else 6A88): no data -> 90 00 if verified in this
 *   session, 63 Cx with the tries left, 69 83 if blocked. With data: the exact encoded PIN ->
 *   90 00 and tries back to the maximum; anything else (a wrong PIN, or the right digits with the
 *   wrong padding) -> one try less and 63 Cx, 63 C0 on the try that uses up the last one, 69 83
 *   once blocked. Tries persist in the object across power cycles; snapshot() writes them back.
 * powerOn / powerOff / reset clear the selection and the verified state.
 */

const hexString = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .refine((s) => s.length % 2 === 0 && /^[0-9A-Fa-f]*$/.test(s), { message: 'must be hex bytes' });

const PATH = /^3F00(\/[0-9A-F]{4})*$/;

export const CardImagePin = z
  .object({
    reference: z.number().int().min(0).max(255),
    value: z.string().regex(/^\d{4,8}$/, 'PIN must be 4-8 digits'),
    padding: z.enum(['ff-to-8', 'none']),
    triesLeft: z.number().int().min(0).max(15),
    maxTries: z.number().int().min(1).max(15),
  })
  .refine((p) => p.triesLeft <= p.maxTries, { message: 'triesLeft exceeds maxTries' });
export type CardImagePin = z.infer<typeof CardImagePin>;

/** The fields of an image, before the check that spans them (CardImage; images on disk: cardImageFile.ts). */
export const CardImageFields = z.object({
  label: z.string().min(1),
  kind: z.enum(['patient', 'operator', 'unknown']),
  atr: hexString.refine((s) => s.length >= 4 && s.length <= 66, { message: 'an ATR is 2 to 33 bytes' }),
  files: z.record(z.string().transform((p) => p.toUpperCase()).refine((p) => PATH.test(p) && p !== '3F00', { message: 'file paths are 3F00/XXXX/...' }), hexString),
  pin: CardImagePin.nullable(),
  selectByPath: z.boolean().optional(),
});

/** A file path that is also the prefix of another would be both an EF and a DF. */
export function checkFileTree(files: Record<string, string>, ctx: z.RefinementCtx): void {
  const paths = Object.keys(files);
  for (const p of paths) {
    if (paths.some((q) => q.startsWith(`${p}/`))) {
      ctx.addIssue({ code: 'custom', path: ['files', p], message: `${p} is both a file and a DF` });
    }
  }
}

export const CardImage = CardImageFields.superRefine((image, ctx) => checkFileTree(image.files, ctx));
export type CardImage = z.infer<typeof CardImage>;

const MF = '3F00';

const SW = {
  OK: 0x9000,
  END_OF_FILE: 0x6282,
  WRONG_LENGTH: 0x6700,
  PIN_BLOCKED: 0x6983,
  NO_CURRENT_EF: 0x6986,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  INCORRECT_P1P2: 0x6a86,
  REFERENCE_NOT_FOUND: 0x6a88,
  WRONG_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

function respond(sw: number, data: Uint8Array = new Uint8Array()): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

/** A short command APDU split into its cases (ISO 7816-3 12.1). */
interface Command {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array | null;
  /** Expected response length, 1..256, or null when absent. */
  le: number | null;
}

function parseCommand(apdu: Uint8Array): Command | null {
  if (apdu.length < 4) return null;
  const [cla, ins, p1, p2] = [apdu[0], apdu[1], apdu[2], apdu[3]] as [number, number, number, number];
  if (apdu.length === 4) return { cla, ins, p1, p2, data: null, le: null };
  const b4 = apdu[4] as number;
  if (apdu.length === 5) return { cla, ins, p1, p2, data: null, le: b4 === 0 ? 256 : b4 };
  if (b4 === 0) return null; // extended length: not supported
  if (apdu.length === 5 + b4) return { cla, ins, p1, p2, data: apdu.slice(5), le: null };
  if (apdu.length === 6 + b4) {
    const le = apdu[5 + b4] as number;
    return { cla, ins, p1, p2, data: apdu.slice(5, 5 + b4), le: le === 0 ? 256 : le };
  }
  return null;
}

const parentOf = (path: string): string | null => (path === MF ? null : path.slice(0, path.lastIndexOf('/')));
const lastFid = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export class VirtualCard {
  readonly atr: Uint8Array;
  readonly label: string;
  private readonly image: CardImage;
  private readonly files = new Map<string, Uint8Array>();
  private readonly dfs = new Set<string>([MF]);
  private currentDf = MF;
  private currentEf: string | null = null;
  private verified = false;
  private tries: number;

  /** Takes a parsed image, or anything CardImage.parse accepts (raw JSON). */
  constructor(image: z.input<typeof CardImage>) {
    this.image = CardImage.parse(image);
    this.atr = hexToBytes(this.image.atr);
    this.label = this.image.label;
    for (const [path, hex] of Object.entries(this.image.files)) {
      this.files.set(path, hexToBytes(hex));
      for (let p = parentOf(path); p !== null; p = parentOf(p)) this.dfs.add(p);
    }
    this.tries = this.image.pin?.triesLeft ?? 0;
  }

  /** PIN tries left (0 = blocked; 0 as well when the card has no PIN). */
  get triesLeft(): number {
    return this.tries;
  }

  /** Whether the PIN was verified since the last power-on / reset. */
  get pinVerified(): boolean {
    return this.verified;
  }

  /** The path of the selected EF, or of the current DF when no EF is selected (for tests). */
  get selection(): string {
    return this.currentEf ?? this.currentDf;
  }

  powerOn(): void {
    this.clearSession();
  }

  powerOff(): void {
    this.clearSession();
  }

  reset(): void {
    this.clearSession();
  }

  /** The image with the current PIN tries: write it back to keep a blocked card blocked. */
  snapshot(): CardImage {
    const copy = structuredClone(this.image);
    if (copy.pin) copy.pin.triesLeft = this.tries;
    return copy;
  }

  /** Answers one command APDU with response data followed by the status word. */
  process(apdu: Uint8Array): Uint8Array {
    const cmd = parseCommand(apdu);
    if (!cmd) return respond(SW.WRONG_LENGTH);
    if (cmd.cla !== 0x00) return respond(SW.CLA_NOT_SUPPORTED);
    switch (cmd.ins) {
      case 0xa4:
        return this.select(cmd);
      case 0xb0:
        return this.readBinary(cmd);
      case 0x20:
        return this.verify(cmd);
      default:
        return respond(SW.INS_NOT_SUPPORTED);
    }
  }

  private clearSession(): void {
    this.currentDf = MF;
    this.currentEf = null;
    this.verified = false;
  }

  private select(cmd: Command): Uint8Array {
    if (cmd.p2 !== 0x00 && cmd.p2 !== 0x04 && cmd.p2 !== 0x0c) return respond(SW.INCORRECT_P1P2);
    const data = cmd.data ?? new Uint8Array();
    if (cmd.p1 === 0x08) {
      if (this.image.selectByPath === false) return respond(SW.INCORRECT_P1P2);
      if (data.length === 0 || data.length % 2 !== 0) return respond(SW.WRONG_LENGTH);
      const fids: string[] = [];
      for (let i = 0; i < data.length; i += 2) fids.push(bytesToHex(data.subarray(i, i + 2)));
      return this.selectResolved([MF, ...fids].join('/'));
    }
    if (cmd.p1 === 0x00) {
      if (data.length === 0) return this.selectResolved(MF);
      if (data.length !== 2) return respond(SW.WRONG_LENGTH);
      const fid = bytesToHex(data);
      if (fid === MF) return this.selectResolved(MF);
      const parent = parentOf(this.currentDf);
      const candidates = [`${this.currentDf}/${fid}`];
      if (lastFid(this.currentDf) === fid) candidates.push(this.currentDf);
      if (parent !== null) {
        if (lastFid(parent) === fid) candidates.push(parent);
        candidates.push(`${parent}/${fid}`);
      }
      const found = candidates.find((p) => this.files.has(p) || this.dfs.has(p));
      return found ? this.selectResolved(found) : respond(SW.FILE_NOT_FOUND);
    }
    return respond(SW.INCORRECT_P1P2);
  }

  private selectResolved(path: string): Uint8Array {
    if (this.files.has(path)) {
      this.currentEf = path;
      this.currentDf = parentOf(path) ?? MF;
      return respond(SW.OK);
    }
    if (this.dfs.has(path)) {
      this.currentDf = path;
      this.currentEf = null;
      return respond(SW.OK);
    }
    return respond(SW.FILE_NOT_FOUND);
  }

  private readBinary(cmd: Command): Uint8Array {
    if (cmd.data !== null || cmd.le === null) return respond(SW.WRONG_LENGTH);
    if (cmd.p1 & 0x80) return respond(SW.FUNCTION_NOT_SUPPORTED);
    if (this.currentEf === null) return respond(SW.NO_CURRENT_EF);
    const file = this.files.get(this.currentEf) as Uint8Array;
    const offset = (cmd.p1 << 8) | cmd.p2;
    if (offset >= file.length) return respond(SW.WRONG_OFFSET);
    const chunk = file.slice(offset, offset + cmd.le);
    return respond(chunk.length < cmd.le ? SW.END_OF_FILE : SW.OK, chunk);
  }

  private expectedPinBlock(pin: CardImagePin): Uint8Array {
    const digits = Array.from(pin.value, (c) => c.charCodeAt(0));
    if (pin.padding === 'none') return Uint8Array.from(digits);
    const block = new Uint8Array(Math.max(8, digits.length)).fill(0xff);
    block.set(digits, 0);
    return block;
  }

  private verify(cmd: Command): Uint8Array {
    if (cmd.le !== null) return respond(SW.WRONG_LENGTH);
    if (cmd.p1 !== 0x00) return respond(SW.INCORRECT_P1P2);
    const pin = this.image.pin;
    if (!pin || cmd.p2 !== pin.reference) return respond(SW.REFERENCE_NOT_FOUND);
    if (cmd.data === null) {
      if (this.verified) return respond(SW.OK);
      if (this.tries === 0) return respond(SW.PIN_BLOCKED);
      return respond(0x63c0 | this.tries);
    }
    if (this.tries === 0) return respond(SW.PIN_BLOCKED);
    const expected = this.expectedPinBlock(pin);
    const matches = cmd.data.length === expected.length && cmd.data.every((b, i) => b === expected[i]);
    if (matches) {
      this.verified = true;
      this.tries = pin.maxTries;
      return respond(SW.OK);
    }
    this.verified = false;
    this.tries -= 1;
    return respond(0x63c0 | this.tries);
  }
}
