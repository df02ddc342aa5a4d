import { useState } from 'react';
import type { SessionOperator } from '../../../shared/contract/cards';
import { hasVirtualReader, anyCardReading, readerLabels, readyOperatorCard } from '../cards';
import type { CardsFeed } from '../cardsFeed';
import { ReaderList } from './CardBits';
import { DemoCardsPanel } from './DemoCardsPanel';
import { ErrorMessage } from './ErrorMessage';
import { PageHeading } from './PageHeading';
import { PinForm } from './PinForm';

interface Props {
  cards: CardsFeed;
  /** Why the session just ended ("Sessione chiusa: ..."), if it did. */
  message: string | null;
  onLoggedIn: (operator: SessionOperator) => void;
  /** A demo's data folder: the virtual cards can be put in the readers from here. */
  demo: boolean;
}

/**
 * Shown instead of the pages while no operator is logged in: the operator card and its PIN are the
 * login. Besides the PIN form, in demo mode it gives access only to the demo cards (to try the app
 * without cards).
 */
export function LockScreen({ cards, message, onLoggedIn, demo }: Props) {
  const { state, error, refresh } = cards;
  const [demoChoice, setDemoChoice] = useState<boolean | null>(null);
  // Where vpcd's virtual readers exist (a test or training PC) the demo cards start open.
  const demoOpen = demoChoice ?? hasVirtualReader(state);
  const operatorCard = readyOperatorCard(state);
  const labels = state ? readerLabels(state.readers.map((r) => r.name)) : [];
  const operatorReaderLabel = operatorCard && state ? (labels[state.readers.findIndex((r) => r.name === operatorCard.reader)] ?? operatorCard.reader) : '';

  return (
    <div className="lock" data-testid="lock-screen">
      <section className="lock-box" aria-labelledby="lock-title">
        <div className="lock-brand">
          <span className="lock-brand-name">PiC Studio</span>
          <span className="lock-brand-sub">Presa in Carico dei pazienti cronici</span>
        </div>
        <PageHeading focusOnMount>
          <span id="lock-title">Accesso</span>
        </PageHeading>
        {message && (
          <p className="notice notice-warn" role="status" data-testid="lock-message">
            {message}
          </p>
        )}
        <p className="lock-instructions" data-testid="lock-instructions">
          Inserire la carta operatore (Carta SISS) nel lettore e digitare il PIN
        </p>

        {state === null && error && <ErrorMessage error={error} onRetry={refresh} />}
        {state === null && !error && <p className="hint">Lettura dei lettori di smart card…</p>}
        {state && !state.service.available && (
          <div className="notice notice-error" role="alert" data-testid="cards-service-problem">
            <p className="notice-text">{state.service.reason ?? 'Servizio dei lettori di smart card non disponibile.'}</p>
          </div>
        )}
        {state?.warning && (
          <div className="notice notice-warn" data-testid="cards-warning">
            <p className="notice-text">{state.warning}</p>
          </div>
        )}

        {state && (
          <section className="lock-readers" aria-labelledby="lock-readers-title">
            <h2 className="lock-subtitle" id="lock-readers-title">
              Lettori di smart card
            </h2>
            <ReaderList state={state} />
          </section>
        )}

        {operatorCard ? (
          <PinForm
            key={`${operatorCard.reader}\n${operatorCard.codiceFiscale}`}
            operatorName={operatorCard.name}
            readerLabel={operatorReaderLabel}
            onLoggedIn={onLoggedIn}
          />
        ) : (
          state &&
          (anyCardReading(state) ? (
            <p className="hint" data-testid="lock-reading">
              Lettura della carta in corso…
            </p>
          ) : (
            <p className="hint" data-testid="lock-no-operator-card">
              Nessuna carta operatore pronta nei lettori.
            </p>
          ))
        )}
      </section>

      {demo && (
        <section className="lock-demo" aria-label="Carte dimostrative">
          <button
            type="button"
            className="button lock-demo-toggle"
            aria-expanded={demoOpen}
            aria-controls="lock-demo-panel"
            onClick={() => setDemoChoice(!demoOpen)}
            data-testid="lock-demo-toggle"
          >
            {demoOpen ? 'Nascondi le carte dimostrative' : 'Prova senza carte: carte dimostrative'}
          </button>
          {demoOpen && (
            <div className="lock-demo-panel card" id="lock-demo-panel">
              <DemoCardsPanel headingLevel={2} />
            </div>
          )}
        </section>
      )}
    </div>
  );
}
