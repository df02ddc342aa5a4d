import type { CardsState } from '../../../shared/contract/cards';
import { cardSummary, expiredText, readerLabels } from '../cards';

/** "Tessera scaduta il 31/12/2023": the same marker wherever an expired Tessera Sanitaria appears. */
export function ExpiredMarker({ cardExpiry }: { cardExpiry: string }) {
  return (
    <span className="tag tag-expired" data-testid="patient-card-expired">
      {expiredText(cardExpiry)}
    </span>
  );
}

/** The readers and what each one holds, as a list (lock screen). */
export function ReaderList({ state }: { state: CardsState }) {
  if (state.readers.length === 0) {
    return (
      <p className="hint" data-testid="reader-list-empty">
        Nessun lettore di smart card collegato.
      </p>
    );
  }
  const labels = readerLabels(state.readers.map((r) => r.name));
  return (
    <ul className="reader-list" data-testid="reader-list">
      {state.readers.map((r, i) => {
        const summary = cardSummary(r.card);
        return (
          <li
            key={r.name}
            className={`reader reader-${summary.tone}`}
            data-testid="reader-item"
            data-reader={r.name}
            data-status={r.card?.status ?? 'empty'}
          >
            <span className="reader-dot" aria-hidden="true" />
            <span className="reader-name" title={r.name}>
              {labels[i]}
            </span>
            <span className="reader-card">{summary.text}</span>
            {summary.expiredOn && <ExpiredMarker cardExpiry={summary.expiredOn} />}
          </li>
        );
      })}
    </ul>
  );
}
