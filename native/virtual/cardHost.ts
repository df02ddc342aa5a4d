import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cardOn, CardImageFile } from './cardImageFile';
import { VirtualCard } from './virtualCard';
import { VPCD_BASE_PORT, VPCD_POLL_MS, VpcdLink } from './vpcdLink';

/** Card images shipped with the app (demo mode) and used by the tests. */
export function cardImagesDir(): string {
  return process.env.PIC_CARD_IMAGES_DIR ?? fileURLToPath(new URL('./images', import.meta.url));
}

export interface ImageEntry {
  id: string;
  image: CardImageFile;
}

/** The images in `dir`; a JSON file that is not a card image is skipped, not fatal. */
export function listCardImages(dir = cardImagesDir(), onSkipped: (file: string, why: string) => void = () => undefined): ImageEntry[] {
  if (!fs.existsSync(dir)) return [];
  const entries: ImageEntry[] = [];
  for (const f of fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    try {
      entries.push({ id: f.replace(/\.json$/, ''), image: loadCardImage(path.join(dir, f)) });
    } catch (err) {
      onSkipped(f, (err as Error).message);
    }
  }
  return entries;
}

export function loadCardImage(file: string): CardImageFile {
  return CardImageFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** An image by id (file name without .json, in the images folder) or by path to a JSON file. */
export function resolveCardImage(idOrPath: string, dir = cardImagesDir()): ImageEntry {
  const file = idOrPath.endsWith('.json') ? path.resolve(idOrPath) : path.join(dir, `${idOrPath}.json`);
  if (!fs.existsSync(file)) throw new Error(`no card image "${idOrPath}" (looked for ${file})`);
  return { id: path.basename(file, '.json'), image: loadCardImage(file) };
}

export interface SlotState {
  slot: number;
  port: number;
  image: string | null;
}

export interface InsertOptions {
  pullAfterApdus?: number;
}

export interface HostOptions {
  /** The day a card goes in (ISO, the studio's): the dates on a demo TS are counted from it. */
  today: () => string;
  host?: string;
  basePort?: number;
  slots?: number;
}

/**
 * Virtual cards in vpcd's two readers: slot 0 connects to port 35963 ("Virtual PCD 00 00"),
 * slot 1 to 35964 ("Virtual PCD 00 01"). Inserting connects, removing disconnects.
 */
export class VirtualCardHost {
  private readonly slots = new Map<number, { link: VpcdLink; image: string; card: VirtualCard }>();

  constructor(private readonly options: HostOptions) {}

  get slotCount(): number {
    return this.options.slots ?? 2;
  }

  state(): SlotState[] {
    return Array.from({ length: this.slotCount }, (_, slot) => ({ slot, port: this.port(slot), image: this.slots.get(slot)?.image ?? null }));
  }

  async insert(slot: number, entry: ImageEntry, options: InsertOptions = {}): Promise<void> {
    this.checkSlot(slot);
    if (this.slots.has(slot)) {
      await this.remove(slot);
      // vpcd notices a card is gone only at its next presence poll: reconnecting sooner would
      // look to pcscd like the old card never left.
      await new Promise((r) => setTimeout(r, VPCD_POLL_MS + 150));
    }
    const card = new VirtualCard(cardOn(entry.image, this.options.today()));
    const link = new VpcdLink(card, {
      host: this.options.host,
      port: this.port(slot),
      pullAfterApdus: options.pullAfterApdus,
      onClosed: () => {
        if (this.slots.get(slot)?.link === link) this.slots.delete(slot);
      },
    });
    await link.connect();
    this.slots.set(slot, { link, image: entry.id, card });
  }

  async remove(slot: number): Promise<void> {
    this.checkSlot(slot);
    const current = this.slots.get(slot);
    if (!current) return;
    this.slots.delete(slot);
    await current.link.close();
  }

  async removeAll(): Promise<void> {
    await Promise.all([...this.slots.keys()].map((s) => this.remove(s)));
  }

  /** APDUs the card in `slot` has answered since insertion. */
  apduCount(slot: number): number {
    return this.slots.get(slot)?.link.apduCount ?? 0;
  }

  private port(slot: number): number {
    return (this.options.basePort ?? VPCD_BASE_PORT) + slot;
  }

  private checkSlot(slot: number): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.slotCount) throw new Error(`slot must be 0..${this.slotCount - 1}, got ${slot}`);
  }
}
