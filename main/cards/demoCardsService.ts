import type { DemoCardsState } from '../../shared/contract/cards';
import { AppError } from '../../shared/errors';
import { listCardImages, resolveCardImage, VirtualCardHost } from '../../native/virtual/cardHost';
import { assertDemo } from '../demoMode';
import { createLogger } from '../log';

const log = createLogger('demo-cards');

export class DemoCardsUnavailableError extends AppError {
  constructor(cause: string) {
    super(
      'demo-cards-unavailable',
      `virtual card reader (vpcd) not reachable: ${cause}`,
      'Modalità dimostrativa delle carte non disponibile: servono il servizio pcscd e il driver vpcd (pacchetto vsmartcard-vpcd). È uno strumento di prova da non installare sui PC dello studio.',
    );
  }
}

const readerName = (slot: number) => `Virtual PCD 00 0${slot}`;

export interface DemoCardsOptions {
  /** The data folder is a demo's: only then do virtual cards go in. */
  demo: boolean;
  dataDir: string;
  /** The studio's day: the virtual cards' dates are counted from it. */
  today: () => string;
}

/** Demo mode: inserts and removes the shipped virtual cards in vpcd's readers. */
export class DemoCardsService {
  private lastProblem: string | null = null;
  private readonly host: VirtualCardHost;

  constructor(private readonly options: DemoCardsOptions) {
    this.host = new VirtualCardHost({ today: options.today });
  }

  private assertDemo(): void {
    assertDemo(this.options.demo ? 'demo' : 'clinic', this.options.dataDir, 'virtual cards', 'Le carte dimostrative');
  }

  state(): DemoCardsState {
    this.assertDemo();
    return {
      available: this.lastProblem === null,
      reason: this.lastProblem,
      images: listCardImages(undefined, (file, why) => log.warn('not a card image, skipped', { file, why })).map(({ id, image }) => ({ id, label: image.label, kind: image.kind, pin: image.pin?.value ?? null })),
      slots: this.host.state().map((s) => ({ slot: s.slot, reader: readerName(s.slot), image: s.image })),
    };
  }

  async insert(slot: number, imageId: string): Promise<DemoCardsState> {
    this.assertDemo();
    let entry;
    try {
      entry = resolveCardImage(imageId);
    } catch (err) {
      throw new AppError('not-found', (err as Error).message, `Carta dimostrativa "${imageId}" non trovata.`);
    }
    try {
      await this.host.insert(slot, entry);
      this.lastProblem = null;
    } catch (err) {
      const problem = new DemoCardsUnavailableError((err as Error).message);
      this.lastProblem = problem.userMessage;
      log.warn('virtual card not inserted', { slot, image: imageId, cause: (err as Error).message });
      throw problem;
    }
    log.info('virtual card inserted', { slot, image: imageId });
    return this.state();
  }

  async remove(slot: number): Promise<DemoCardsState> {
    this.assertDemo();
    await this.host.remove(slot);
    log.info('virtual card removed', { slot });
    return this.state();
  }

  close(): Promise<void> {
    return this.host.removeAll();
  }
}
