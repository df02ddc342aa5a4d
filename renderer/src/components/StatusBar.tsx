import { useEffect } from 'react';
import { useCall } from '../api';
import { authorizationText, cardSummary, operatorStatusText, readerLabels } from '../cards';
import { useCards } from '../cardsFeed';
import { formatDayLong, patientCountText } from '../format';
import { useToday } from '../today';
import { pageHref } from '../router';
import { ExpiredMarker } from './CardBits';
import { useDeadlines } from './EnrollmentBits';

const REFRESH_MS = 30_000;

/**
 * Bottom bar: the readers and their cards, the operator, whether an enrollment could be registered
 * now (live from cards.state / cards.changed), sync (status.get) and the number of patients.
 */
export function StatusBar({ patientCount, showDeadlines = false }: { patientCount: number | null; showDeadlines?: boolean }) {
  const status = useCall('status.get', {});
  const { reload } = status;
  const cards = useCards();
  const today = useToday();

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const state = cards.state;
  const labels = state ? readerLabels(state.readers.map((r) => r.name)) : [];

  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Stato del sistema">
      <div className="status-row" data-testid="status-cards">
        {state === null ? (
          cards.error ? (
            <span className="status-item status-item-error" data-testid="status-cards-error">
              {cards.error.message}
            </span>
          ) : (
            <span className="status-item">Lettura dei lettori di smart card…</span>
          )
        ) : (
          <>
            {!state.service.available && (
              <span className="status-item status-item-error" data-testid="status-cards-service">
                {state.service.reason ?? 'Servizio dei lettori di smart card non disponibile.'}
              </span>
            )}
            <span className="status-readers" data-testid="status-readers">
              {state.service.available && state.readers.length === 0 && (
                <span className="status-item status-off">
                  <span className="status-dot" aria-hidden="true" />
                  Nessun lettore collegato
                </span>
              )}
              {state.readers.map((r, i) => {
                const summary = cardSummary(r.card);
                return (
                  <span
                    key={r.name}
                    className={`status-item status-reader status-reader-${summary.tone}`}
                    data-testid="status-reader"
                    data-reader={r.name}
                    data-status={r.card?.status ?? 'empty'}
                  >
                    <span className="status-dot" aria-hidden="true" />
                    <span className="status-reader-name" title={r.name}>
                      {labels[i]}:
                    </span>
                    <span>{summary.text}</span>
                    {summary.expiredOn && <ExpiredMarker cardExpiry={summary.expiredOn} />}
                  </span>
                );
              })}
            </span>
            {state.warning && (
              <span className="status-item status-warning" data-testid="status-warning">
                {state.warning}
              </span>
            )}
          </>
        )}
      </div>
      <div className="status-row">
        <span className="status-item status-today" data-testid="status-today" data-today={today}>
          {formatDayLong(today)}
        </span>
        {patientCount !== null && (
          <span className="status-item status-count" data-testid="status-patient-count">
            {patientCountText(patientCount)}
          </span>
        )}
        {showDeadlines && <DeadlinesBadge />}
        {state && (
          <>
            <span className={state.operator ? 'status-item status-on' : 'status-item status-off'} data-testid="status-operator">
              <span className="status-dot" aria-hidden="true" />
              {operatorStatusText(state.operator)}
            </span>
            <span
              className={state.authorization.available ? 'status-item status-on' : 'status-item status-off'}
              data-testid="status-authorization"
              data-available={state.authorization.available ? 'true' : 'false'}
            >
              <span className="status-dot" aria-hidden="true" />
              {authorizationText(state.authorization)}
            </span>
          </>
        )}
        {status.error ? (
          <span className="status-item status-item-error" data-testid="status-error">
            {status.error.message}
          </span>
        ) : status.value ? (
          <span className={status.value.sync.available ? 'status-item status-on' : 'status-item status-off'} data-testid="status-sync">
            <span className="status-dot" aria-hidden="true" />
            {status.value.sync.reason}
          </span>
        ) : (
          <span className="status-item">Lettura dello stato…</span>
        )}
      </div>
    </footer>
  );
}

/** Registrations to sign today or tomorrow and renewals overdue: the number links to the Scadenze panel. */
function DeadlinesBadge() {
  const deadlines = useDeadlines();
  const urgent = deadlines.value?.urgent ?? null;
  if (urgent === null) return null;
  const label = urgent === 0 ? 'Nessuna scadenza urgente' : urgent === 1 ? '1 scadenza urgente' : `${urgent} scadenze urgenti`;
  return (
    <a
      className={urgent > 0 ? 'status-item status-deadlines status-deadlines-urgent' : 'status-item status-deadlines'}
      href={pageHref('arruolamento')}
      data-testid="deadlines-link"
      title="Apri le scadenze (Arruolamento)"
    >
      <span>Scadenze:</span>
      <span className={urgent > 0 ? 'count-badge count-badge-urgent' : 'count-badge'} data-testid="deadlines-badge" data-count={urgent} aria-hidden="true">
        {urgent}
      </span>
      <span className="visually-hidden">{label}</span>
    </a>
  );
}
