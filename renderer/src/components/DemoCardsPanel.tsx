import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/api';
import type { DemoCardsState } from '../../../shared/contract/cards';
import { useApi, useEvent } from '../api';
import { CARD_KIND_LABEL, defaultDemoImage, demoPinText, demoSlotLabel } from '../cards';
import { useCards } from '../cardsFeed';
import { ErrorMessage } from './ErrorMessage';

type Image = DemoCardsState['images'][number];

const SWAP_WAIT_MS = 4000;

/** The PIN worth showing: an operator card's (the one to type at login); a TS's PIN is never asked. */
function operatorPin(image: Image | null): string | null {
  return image?.kind === 'operator' ? image.pin : null;
}

function imageOptionText(image: Image): string {
  const pinValue = operatorPin(image);
  const pin = pinValue ? ` (${demoPinText(pinValue)})` : '';
  return `${image.label} - ${CARD_KIND_LABEL[image.kind]}${pin}`;
}

/**
 * Virtual cards in vpcd's two readers, for trying the app and for training without real cards.
 * Shown in Impostazioni and on the lock screen.
 */
export function DemoCardsPanel({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const call = useApi();
  const [demo, setDemo] = useState<DemoCardsState | null>(null);
  const [loadError, setLoadError] = useState<ApiErrorBody | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [busySlot, setBusySlot] = useState<number | null>(null);
  const [chosen, setChosen] = useState<Record<number, string>>({});
  // Only the newest answer (of a reload, an insert or a removal) is shown.
  const latest = useRef(0);

  const load = useCallback(() => {
    const request = ++latest.current;
    void call('demo.cards.state', {}).then((result) => {
      if (request !== latest.current) return;
      if (result.ok) {
        setDemo(result.value);
        setLoadError(null);
      } else {
        setLoadError(result.error);
      }
    });
  }, [call]);

  useEffect(() => load(), [load]);

  const { state: cards } = useCards();
  const cardsNow = useRef(cards);
  useEffect(() => {
    cardsNow.current = cards;
  });

  /** Resolves once the reader shows no card (or after a few seconds, so nothing hangs). */
  const readerEmptied = async (reader: string | null) => {
    const until = performance.now() + SWAP_WAIT_MS;
    while (reader !== null && performance.now() < until) {
      const r = cardsNow.current?.readers.find((x) => x.name === reader);
      if (!r || r.card === null) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  // A card pulled or put in elsewhere (another window, the CLI) shows here too.
  useEvent('cards.changed', () => {
    if (busySlot === null) load();
  });

  const act = async (slot: number, action: 'insert' | 'remove') => {
    if (busySlot !== null || !demo) return;
    const image = chosen[slot] ?? defaultDemoImage(slot, slotImage(demo, slot), demo.images);
    if (action === 'insert' && image === '') return;
    if (action === 'remove' && slotImage(demo, slot) === null) return;
    const request = ++latest.current;
    setBusySlot(slot);
    setError(null);
    let result;
    if (action === 'insert' && slotImage(demo, slot) !== null) {
      // Swapping cards: pull the old one and let the reader see it gone, or the new one goes unnoticed.
      result = await call('demo.cards.remove', { slot });
      if (result.ok) {
        await readerEmptied(slotReader(demo, slot));
        result = await call('demo.cards.insert', { slot, image });
      }
    } else {
      result = action === 'insert' ? await call('demo.cards.insert', { slot, image }) : await call('demo.cards.remove', { slot });
    }
    setBusySlot(null);
    if (result.ok) {
      if (request === latest.current) setDemo(result.value);
    } else {
      setError(result.error);
      // A failed insert changes what the core says about availability.
      load();
    }
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="demo-cards" data-testid="demo-cards-panel">
      <Heading className="card-title">Carte dimostrative</Heading>
      <p>
        Carte virtuali per prova e formazione: richiedono pcscd e vpcd. Simulano una carta operatore e alcune Tessere
        Sanitarie nei due lettori virtuali, senza carte vere. Strumento di prova: non usarlo sui PC dello studio.
      </p>
      {loadError && !demo && <ErrorMessage error={loadError} onRetry={load} />}
      {demo && !demo.available && (
        <div className="notice notice-error" role="status" data-testid="demo-cards-unavailable">
          <p className="notice-text">{demo.reason ?? 'Modalità dimostrativa delle carte non disponibile.'}</p>
        </div>
      )}
      {demo && demo.images.length === 0 && (
        <p className="hint" data-testid="demo-cards-no-images">
          Nessuna carta dimostrativa installata con questa copia di PiC Studio.
        </p>
      )}
      {demo && (
        <div className="demo-slots">
          {demo.slots.map((s) => (
            <DemoSlot
              key={s.slot}
              slot={s}
              headingLevel={headingLevel === 2 ? 'h3' : 'h4'}
              images={demo.images}
              selected={chosen[s.slot] ?? defaultDemoImage(s.slot, s.image, demo.images)}
              onSelect={(id) => setChosen((c) => ({ ...c, [s.slot]: id }))}
              busy={busySlot === s.slot}
              locked={busySlot !== null}
              onInsert={() => void act(s.slot, 'insert')}
              onRemove={() => void act(s.slot, 'remove')}
            />
          ))}
        </div>
      )}
      {!demo && !loadError && <p className="hint">Lettura delle carte dimostrative…</p>}
      {/* A failed insert that made the demo unavailable is already said above. */}
      {error && !(demo && !demo.available && demo.reason === error.message) && (
        <div data-testid="demo-cards-error">
          <ErrorMessage error={error} />
        </div>
      )}
    </div>
  );
}

function slotReader(demo: DemoCardsState, slot: number): string | null {
  return demo.slots.find((s) => s.slot === slot)?.reader ?? null;
}

function slotImage(demo: DemoCardsState, slot: number): string | null {
  return demo.slots.find((s) => s.slot === slot)?.image ?? null;
}

interface SlotProps {
  headingLevel: 'h3' | 'h4';
  slot: DemoCardsState['slots'][number];
  images: Image[];
  selected: string;
  onSelect: (id: string) => void;
  busy: boolean;
  locked: boolean;
  onInsert: () => void;
  onRemove: () => void;
}

function DemoSlot({ headingLevel: SlotHeading, slot, images, selected, onSelect, busy, locked, onInsert, onRemove }: SlotProps) {
  const n = slot.slot;
  const inserted = images.find((i) => i.id === slot.image) ?? null;
  const selectedPin = operatorPin(images.find((i) => i.id === selected) ?? null);
  const insertedPin = operatorPin(inserted);
  const selectId = `demo-card-select-${n}`;
  return (
    <section className="demo-slot" aria-labelledby={`demo-slot-title-${n}`} data-testid={`demo-slot-${n}`}>
      <SlotHeading className="demo-slot-title" id={`demo-slot-title-${n}`}>
        {demoSlotLabel(n)} <span className="muted demo-slot-reader">{slot.reader}</span>
      </SlotHeading>
      <p className="demo-slot-current" data-testid={`demo-card-current-${n}`}>
        {slot.image === null ? (
          <span className="muted">Nessuna carta inserita</span>
        ) : (
          <>
            Inserita: <span className="strong">{inserted?.label ?? slot.image}</span>
            {inserted && <span className="muted"> ({CARD_KIND_LABEL[inserted.kind]})</span>}
            {insertedPin && (
              <span className="demo-pin" data-testid={`demo-card-pin-${n}`}>
                {demoPinText(insertedPin)}
              </span>
            )}
          </>
        )}
      </p>
      <div className="field">
        <label htmlFor={selectId}>Carta da inserire</label>
        <select
          id={selectId}
          className="input select"
          value={selected}
          onChange={(e) => onSelect(e.target.value)}
          disabled={images.length === 0}
          data-testid={selectId}
        >
          {images.map((image) => (
            <option key={image.id} value={image.id}>
              {imageOptionText(image)}
            </option>
          ))}
        </select>
        {selectedPin && <span className="field-hint">{demoPinText(selectedPin)}</span>}
      </div>
      <div className="demo-slot-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={onInsert}
          aria-disabled={locked || images.length === 0}
          data-testid={`demo-card-insert-${n}`}
        >
          {busy ? 'Attendere…' : 'Inserisci'}
        </button>
        <button
          type="button"
          className="button"
          onClick={onRemove}
          aria-disabled={locked || slot.image === null}
          data-testid={`demo-card-remove-${n}`}
        >
          Estrai
        </button>
      </div>
    </section>
  );
}
