import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { WrongPinError } from '../../native/cards/errors';
import { listCardImages } from '../../native/virtual/cardHost';
import { CardReaderService, hex, patientCardFields } from '../cards/cardReaderService';
import { DEFAULT_CONTROL_PORT, serveVirtualCards, VirtualCardClient } from '../cards/virtualCardDaemon';
import { clockFor, systemClock } from '../clock';
import { UsageError, type ParsedArgs } from './args';
import type { Command, CommandOutput } from './commandTypes';

export const DEFAULT_WAIT_MS = 2000;
/** pcscd reports the readers and their cards shortly after a client connects. */
const SETTLE_MS = 400;

export function intOption(args: ParsedArgs, name: string, fallback?: number): number | undefined {
  const value = args.options[name];
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} needs a whole number, got "${value}"`);
  return Number(value);
}

/** Waits until pcscd has told what the readers hold and every card in them is read. */
export async function settleReaders(cards: CardReaderService, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  await sleep(Math.min(SETTLE_MS, waitMs));
  while (Date.now() < deadline && !cards.watcher.serviceAvailable) await sleep(50);
  await cards.settled();
}

/** Watches the readers until what they hold is read (or the wait is over), then stops. */
async function withReaders<T>(waitMs: number, work: (cards: CardReaderService) => Promise<T>): Promise<T> {
  const cards = new CardReaderService(systemClock);
  cards.start();
  try {
    await settleReaders(cards, waitMs);
    return await work(cards);
  } finally {
    cards.stop();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await sleep(25);
}

function report(cards: CardReaderService) {
  return {
    service: cards.watcher.serviceAvailable ? 'ok' : 'unavailable',
    readers: cards.readerNames().map((name) => {
      const c = cards.card(name);
      if (!c) return { name, card: null };
      const identity = c.identity;
      const p = identity?.patient;
      const o = identity?.operator;
      return {
        name,
        card: {
          atr: hex(c.atr),
          kind: identity?.kind ?? 'unknown',
          ...(p && { patient: patientCardFields(p) }),
          ...(o && { operator: { codiceFiscale: o.codiceFiscale, subject: o.subject } }),
          ...(c.error && { error: { code: c.error.code, message: c.error.message } }),
        },
      };
    }),
  };
}

function reportText(r: ReturnType<typeof report>): string {
  if (r.service !== 'ok') return 'PC/SC service unavailable (is pcscd running?)';
  if (r.readers.length === 0) return 'No card reader attached.';
  return r.readers
    .map((reader) => {
      const c = reader.card;
      if (!c) return `${reader.name}: empty`;
      if (c.patient) return `${reader.name}: Tessera Sanitaria ${c.patient.surname} ${c.patient.givenName} ${c.patient.codiceFiscale} (expires ${c.patient.cardExpiry})`;
      if (c.operator) return `${reader.name}: operator card ${c.operator.codiceFiscale}`;
      return `${reader.name}: unknown card ${c.atr}${c.error ? ` (${c.error.message})` : ''}`;
    })
    .join('\n');
}

export function readPinFromStdin(): string {
  const pin = fs.readFileSync(0, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
  if (!pin) throw new UsageError('no PIN on standard input');
  return pin;
}

function virtualClient(args: ParsedArgs): VirtualCardClient {
  return new VirtualCardClient(intOption(args, 'control-port', DEFAULT_CONTROL_PORT));
}

const slotsText = (slots: { slot: number; image: string | null }[]) =>
  slots.map((s) => `slot ${s.slot} (Virtual PCD 00 0${s.slot}): ${s.image ?? 'empty'}`).join('\n');

export const CARD_COMMANDS: Command[] = [
  {
    words: ['cards', 'verify-pin'],
    usage: 'pic cards verify-pin --reader NAME --pin-stdin [--wait-ms N] [--json]',
    summary: 'verify the PIN of the card in READER, read from standard input (one try, never repeated)',
    async run(args): Promise<CommandOutput> {
      const reader = args.options.reader;
      if (!reader) throw new UsageError('--reader NAME is required');
      if (!args.pinStdin) throw new UsageError('--pin-stdin is required: the PIN is never taken from the command line');
      const pin = readPinFromStdin();
      const waitMs = intOption(args, 'wait-ms', DEFAULT_WAIT_MS)!;
      return withReaders(waitMs, async (cards) => {
        await waitUntil(() => cards.card(reader)?.status === 'ready', waitMs);
        try {
          await cards.verifyPin(reader, pin);
          return { json: { ok: true }, text: 'PIN verified.' };
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const json = err instanceof WrongPinError ? { ok: false, error: err.code, triesLeft: err.triesLeft } : { ok: false, error: err.code, message: err.message };
          return { json, text: `PIN not verified: ${err.message}`, exitCode: 1 };
        }
      });
    },
  },
  {
    words: ['cards'],
    usage: 'pic cards [--wait-ms N] [--json]',
    summary: 'list the card readers and read the cards in them (Tessera Sanitaria, operator card)',
    run(args) {
      return withReaders(intOption(args, 'wait-ms', DEFAULT_WAIT_MS)!, async (cards) => {
        const r = report(cards);
        return { json: r, text: reportText(r) };
      });
    },
  },
  {
    words: ['virtual-card', 'serve'],
    usage: 'pic virtual-card serve [--control-port P] [--now WHEN [--frozen-clock]]',
    summary: 'hold virtual cards in vpcd\'s readers (started on demand by insert; a test and demo tool)',
    async run(args) {
      const port = intOption(args, 'control-port', DEFAULT_CONTROL_PORT)!;
      // Virtual cards are a demo by nature: the dates on a TS are counted from this clock's day.
      const { stopped } = await serveVirtualCards(port, clockFor(args.clock));
      process.stderr.write(`virtual card daemon on 127.0.0.1:${port}\n`);
      await stopped;
      return { json: { stopped: true }, text: 'virtual card daemon stopped' };
    },
  },
  {
    words: ['virtual-card', 'insert'],
    usage: 'pic virtual-card insert --slot 0|1 --card IMAGE|FILE.json [--pull-after N] [--control-port P] [--now WHEN [--frozen-clock]] [--json]',
    summary: 'insert a virtual card into vpcd reader SLOT; --pull-after N pulls it out at the N-th APDU',
    async run(args) {
      const slot = intOption(args, 'slot');
      const card = args.options.card;
      if (slot === undefined || !card) throw new UsageError('--slot and --card are required');
      const client = virtualClient(args);
      const clockArgs = args.clock ? ['--now', args.clock.now, ...(args.clock.frozen ? ['--frozen-clock'] : [])] : [];
      await client.ensureDaemon(process.argv[1] as string, clockArgs);
      const slots = await client.insert({ slot, card, pullAfterApdus: intOption(args, 'pull-after') });
      return { json: { slots }, text: slotsText(slots) };
    },
  },
  {
    words: ['virtual-card', 'remove'],
    usage: 'pic virtual-card remove --slot 0|1 [--control-port P] [--json]',
    summary: 'pull the virtual card out of vpcd reader SLOT',
    async run(args) {
      const slot = intOption(args, 'slot');
      if (slot === undefined) throw new UsageError('--slot is required');
      const client = virtualClient(args);
      const slots = (await client.running()) ? await client.remove(slot) : [];
      return { json: { slots }, text: slots.length ? slotsText(slots) : 'no virtual card daemon running: nothing to remove' };
    },
  },
  {
    words: ['virtual-card', 'list'],
    usage: 'pic virtual-card list [--control-port P] [--json]',
    summary: 'the virtual card images, and what is inserted',
    async run(args) {
      const client = virtualClient(args);
      const images = listCardImages().map(({ id, image }) => ({ id, label: image.label, kind: image.kind, pin: image.pin?.value ?? null }));
      const slots = (await client.running()) ? await client.state() : [];
      return {
        json: { images, slots },
        text: [...images.map((i) => `${i.id.padEnd(22)} ${i.kind.padEnd(9)} ${i.label}${i.pin ? ` (PIN ${i.pin})` : ''}`), '', slotsText(slots)].join('\n'),
      };
    },
  },
  {
    words: ['virtual-card', 'stop'],
    usage: 'pic virtual-card stop [--control-port P] [--json]',
    summary: 'remove every virtual card and stop the daemon',
    async run(args) {
      const stopped = await virtualClient(args).stop();
      return { json: { stopped }, text: stopped ? 'stopped' : 'not running' };
    },
  },
];
