import {
  isBytesAvailableSw,
  isWrongLeSw,
  readBinary,
  selectByFid,
  selectByPath,
  splitResponse,
  SW_END_OF_FILE,
  SW_OK,
  SW_WRONG_LENGTH,
  SW_WRONG_OFFSET,
  swHex,
} from './apdu';
import { CardDataError, CardStatusError } from './errors';
import { MF, parseFilePath } from './paths';
import type { Transmit } from './types';

/** The longest READ BINARY chunk: Le is one byte and 00 would mean 256, which some readers mishandle. */
export const MAX_CHUNK = 255;

const selectSucceeded = (sw: number): boolean => sw === SW_OK || isBytesAvailableSw(sw);

/**
 * Selecting and reading transparent files over one transmit function, for one card session.
 *
 * SELECT goes by path from the MF first; when the card refuses (any status other than success,
 * e.g. 6A86 or 6D00) it goes step by step (3F00, then each FID). Once step by step has worked
 * where by path was refused, the session goes straight to step by step.
 */
export class CardFileAccess {
  private byPathRefused = false;

  constructor(private readonly transmit: Transmit) {}

  /** True once the card has refused SELECT by path and step by step worked instead. */
  get selectsStepByStep(): boolean {
    return this.byPathRefused;
  }

  async select(path: string): Promise<void> {
    const fids = parseFilePath(path);
    if (fids.length === 1) {
      await this.selectFid(MF, path);
      return;
    }
    if (!this.byPathRefused) {
      const { sw } = splitResponse(await this.transmit(selectByPath(path)));
      if (selectSucceeded(sw)) return;
    }
    for (const fid of fids) await this.selectFid(fid, path);
    this.byPathRefused = true;
  }

  private async selectFid(fid: string, path: string): Promise<void> {
    const { sw } = splitResponse(await this.transmit(selectByFid(fid)));
    if (!selectSucceeded(sw)) throw new CardStatusError(sw, `SELECT ${fid} (${path})`);
  }

  /**
   * Reads exactly `length` bytes of the current EF from `offset`, in chunks of at most 255 bytes.
   * A file that ends before (short data, 6282, 6B00, 6Cxx) is CardDataError: the caller knows the
   * length from the card itself, so a shortfall means the card's data does not add up.
   */
  async readExact(offset: number, length: number, what: string): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const want = Math.min(MAX_CHUNK, length - done);
      const at = offset + done;
      const { data, sw } = splitResponse(await this.transmit(readBinary(at, want)));
      if (sw === SW_END_OF_FILE || sw === SW_WRONG_OFFSET || isWrongLeSw(sw) || (sw === SW_OK && data.length < want)) {
        throw new CardDataError(`${what}: the file ends before byte ${offset + length} (read at ${at} answered ${data.length} bytes, ${swHex(sw)})`);
      }
      if (sw !== SW_OK) throw new CardStatusError(sw, `READ BINARY ${what} at ${at}`);
      if (data.length > want) throw new CardDataError(`${what}: asked ${want} bytes at ${at}, card sent ${data.length}`);
      out.set(data, done);
      done += want;
    }
    return out;
  }

  /**
   * One READ BINARY that takes what the card has: Le 1..256 (256 is sent as 00); 6282 (end of
   * file) with data is fine; 6Cxx is re-issued once with Le=xx; 6700 (wrong length, no hint) is
   * re-issued once with `leOnWrongLength` when given. Returns the data, possibly shorter than Le.
   */
  async readAvailable(offset: number, le: number, what: string, leOnWrongLength?: number): Promise<Uint8Array> {
    let sentLe = le;
    let { data, sw } = splitResponse(await this.transmit(readBinary(offset, sentLe)));
    if (isWrongLeSw(sw) || (sw === SW_WRONG_LENGTH && leOnWrongLength !== undefined)) {
      sentLe = isWrongLeSw(sw) ? (sw & 0xff) || 256 : (leOnWrongLength as number);
      ({ data, sw } = splitResponse(await this.transmit(readBinary(offset, sentLe))));
    }
    if (sw !== SW_OK && sw !== SW_END_OF_FILE) throw new CardStatusError(sw, `READ BINARY ${what} at ${offset}`);
    if (data.length > sentLe) throw new CardDataError(`${what}: asked ${sentLe} bytes at ${offset}, card sent ${data.length}`);
    return data;
  }
}
