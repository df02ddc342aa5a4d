import { createRequire } from 'node:module';
import { CardReaderService } from '../../main/cards/cardReaderService';
import { systemClock, todayIn } from '../../main/clock';
import { resolveCardImage, VirtualCardHost } from '../../native/virtual/cardHost';
import { VPCD_POLL_MS } from '../../native/virtual/vpcdLink';
import { pcscdUnavailableReason, startPcscd, stopPcscd } from '../harness/pcscd';

/**
 * Insertion of a Tessera Sanitaria to a parsed patient, through pcscd and vpcd, against a bare
 * pcsclite client sending the minimal APDU sequence on the same reader in the same run.
 * Targets (issue 3): at most 8 APDUs, and <= 1.2x the bare sequence.
 */

const ROUNDS = Number(process.env.BENCH_CARD_ROUNDS ?? 10);
const SLOT = 1;
const READER = 'Virtual PCD 00 01';
const IMAGE = 'ts-rossi-mario';

const hexBytes = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');
/** What any TS-CNS reader must send: SELECT by path, the 6-byte length header, the rest, the serial. */
const SELECT_PERSONAL = hexBytes('00 A4 08 00 04 11 00 11 02');
const READ_HEADER = hexBytes('00 B0 00 00 06');
const SELECT_SERIAL = hexBytes('00 A4 08 00 04 10 00 10 03');
const READ_SERIAL = hexBytes('00 B0 00 00 00');

/**
 * pcscd notices a card at its next 400 ms presence poll, so where an insertion falls in that cycle
 * adds 0-400 ms. Both clients insert at the same offsets after the previous removal was noticed.
 */
const JITTER = Array.from({ length: ROUNDS }, (_, i) => ((i * 7919) % 10) * (VPCD_POLL_MS / 10));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;

interface BareReader {
  name: string;
  SCARD_SHARE_SHARED: number;
  SCARD_LEAVE_CARD: number;
  SCARD_STATE_PRESENT: number;
  on(e: 'status', l: (s: { state: number; atr?: Buffer }) => void): void;
  on(e: 'error', l: () => void): void;
  connect(o: { share_mode: number }, cb: (err: Error | null, protocol: number) => void): void;
  transmit(d: Buffer, len: number, p: number, cb: (err: Error | null, data: Buffer) => void): void;
  disconnect(d: number, cb: () => void): void;
  close(): void;
}

/** A bare pcsclite client: on presence, connect and send the minimal sequence; nothing else. */
interface Round {
  /** From the virtual card's connection to vpcd (insertion) to the parsed record. */
  ms: number;
  /** From the moment the client saw the card (pcscd's status change) to the parsed record. */
  afterDetectionMs: number;
  apdus: number;
}

async function bareRound(host: VirtualCardHost, reader: BareReader, onPresent: { fn: (() => void) | null }): Promise<Round> {
  const t0 = performance.now();
  let detected = 0;
  let apdus = 0;
  const done = new Promise<void>((resolve, reject) => {
    onPresent.fn = () => {
      onPresent.fn = null;
      detected = performance.now();
      reader.connect({ share_mode: reader.SCARD_SHARE_SHARED }, (err, protocol) => {
        if (err) return reject(err);
        const send = (apdu: Buffer) =>
          new Promise<Buffer>((res, rej) => {
            apdus++;
            reader.transmit(apdu, 258, protocol, (e, d) => (e ? rej(e) : res(d)));
          });
        void (async () => {
          await send(SELECT_PERSONAL);
          const header = await send(READ_HEADER);
          const length = parseInt(header.subarray(0, 6).toString('latin1'), 16);
          for (let at = 6; at < 6 + length; at += 255) {
            await send(Buffer.from([0x00, 0xb0, at >> 8, at & 0xff, Math.min(255, 6 + length - at)]));
          }
          await send(SELECT_SERIAL);
          await send(READ_SERIAL);
          reader.disconnect(reader.SCARD_LEAVE_CARD, () => resolve());
        })().catch(reject);
      });
    };
  });
  await host.insert(SLOT, resolveCardImage(IMAGE));
  await done;
  const end = performance.now();
  await host.remove(SLOT);
  return { ms: end - t0, afterDetectionMs: end - detected, apdus };
}

async function oursRound(host: VirtualCardHost, cards: CardReaderService): Promise<Round> {
  const t0 = performance.now();
  let detected = 0;
  const ready = new Promise<number>((resolve) => {
    const stop = cards.on('changed', () => {
      const c = cards.card(READER);
      if (c?.status === 'reading' && !detected) detected = performance.now();
      if (c?.status === 'ready' || c?.status === 'error') {
        stop();
        resolve(c.identity?.apdus ?? -1);
      }
    });
  });
  await host.insert(SLOT, resolveCardImage(IMAGE));
  const apdus = await ready;
  const end = performance.now();
  await host.remove(SLOT);
  await new Promise<void>((resolve) => {
    const check = () => (cards.card(READER) === null ? resolve() : setTimeout(check, 10));
    check();
  });
  return { ms: end - t0, afterDetectionMs: end - detected, apdus };
}

export async function runCardsBench(): Promise<unknown> {
  const reason = pcscdUnavailableReason();
  if (reason) {
    console.log(`Card benchmark skipped: ${reason}`);
    return { skipped: reason };
  }
  await startPcscd();
  const host = new VirtualCardHost({ today: () => todayIn(systemClock) });
  try {
    // Two clients reading the same card at once would interleave their SELECTs: the bare client
    // runs all its rounds first, alone, then ours runs alone on the same reader.
    const bare: Round[] = [];
    const require = createRequire(import.meta.url);
    const pcsc = (require('pcsclite') as () => { on(e: 'reader' | 'error', l: (r: BareReader) => void): void; close(): void })();
    // Closing cancels pcsclite's pending status call, which it reports as an error.
    pcsc.on('error', () => undefined);
    const onPresent: { fn: (() => void) | null } = { fn: null };
    const onEmpty: { fn: (() => void) | null } = { fn: null };
    const bareReader = await new Promise<BareReader>((resolve) => {
      pcsc.on('reader', (r) => {
        r.on('error', () => undefined);
        if (r.name !== READER) return;
        r.on('status', (s) => {
          if (s.state & r.SCARD_STATE_PRESENT) onPresent.fn?.();
          else onEmpty.fn?.();
        });
        resolve(r);
      });
    });
    for (let i = 0; i < ROUNDS; i++) {
      await sleep(JITTER[i]!);
      const emptied = new Promise<void>((resolve) => (onEmpty.fn = resolve));
      bare.push(await bareRound(host, bareReader, onPresent));
      await emptied;
      onEmpty.fn = null;
    }
    bareReader.close();
    pcsc.close();

    const ours: Round[] = [];
    const cards = new CardReaderService(systemClock);
    cards.start();
    while (!cards.readerNames().includes(READER)) await sleep(20);
    for (let i = 0; i < ROUNDS; i++) {
      await sleep(JITTER[i]!);
      ours.push(await oursRound(host, cards));
    }
    cards.stop();

    const oursMs = median(ours.map((r) => r.ms));
    const bareMs = median(bare.map((r) => r.ms));
    const oursAfter = median(ours.map((r) => r.afterDetectionMs));
    const bareAfter = median(bare.map((r) => r.afterDetectionMs));
    const apdus = Math.max(...ours.map((r) => r.apdus));
    const result = {
      rounds: ROUNDS,
      insertionToPatientMs: { ours: round(oursMs), bare: round(bareMs), ratio: round((oursMs / bareMs) * 100) / 100 },
      detectionToPatientMs: { ours: round(oursAfter), bare: round(bareAfter), ratio: round((oursAfter / bareAfter) * 100) / 100 },
      apdus: { ours: apdus, bare: bare[0]!.apdus },
      target: 'apdus <= 8, ratio <= 1.2',
      pass: apdus <= 8 && oursMs / bareMs <= 1.2,
    };
    console.log(`Card benchmark, ${IMAGE} in "${READER}" over vpcd (${ROUNDS} rounds, medians)`);
    console.log(`  insertion to parsed patient  ours ${result.insertionToPatientMs.ours} ms   bare pcsclite ${result.insertionToPatientMs.bare} ms   ratio ${result.insertionToPatientMs.ratio}x`);
    console.log(`  detection to parsed patient  ours ${result.detectionToPatientMs.ours} ms   bare pcsclite ${result.detectionToPatientMs.bare} ms   ratio ${result.detectionToPatientMs.ratio}x`);
    console.log(`  APDUs                        ours ${apdus}   bare ${result.apdus.bare}`);
    console.log(`  target <= 8 APDUs and <= 1.2x: ${result.pass ? 'OK' : 'FAIL'}`);
    return result;
  } finally {
    await host.removeAll();
    await stopPcscd();
  }
}
