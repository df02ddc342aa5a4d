import { useEffect } from 'react';
import { useCall } from '../api';
import { authorizationText, cardSummary, operatorStatusText, readerLabels } from '../cards';
import { useCards } from '../cardsFeed';
import { formatDayLong, formatDayShort, patientCountText } from '../format';
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
      <span className="status-item status-today" data-testid="status-today" data-today={today} title={formatDayLong(today)}>
        {formatDayShort(today)}
      </span>
      {state === null ? (
        cards.error ? (
          <span className="status-item status-item-error" data-testid="status-cards-error" title={cards.error.message}>
            {cards.error.message}
          </span>
        ) : (
          <span className="status-item">Lettura dei lettori…</span>
        )
      ) : (
        <>
          {!state.service.available && (
            <span className="status-item status-item-error status-shrink" data-testid="status-cards-service" title={state.service.reason ?? undefined}>
              {state.service.reason ?? 'Servizio dei lettori di smart card non disponibile.'}
            </span>
          )}
          <span className="status-readers status-shrink" data-testid="status-readers">
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
                  title={`${r.name}: ${summary.text}`}
                >
                  <span className="status-dot" aria-hidden="true" />
                  <span className="status-reader-name">{labels[i]}:</span>
                  <span className="status-text">{summary.text}</span>
                  {summary.expiredOn && <ExpiredMarker cardExpiry={summary.expiredOn} />}
                </span>
              );
            })}
          </span>
          {state.warning && (
            <span className="status-item status-warning status-shrink" data-testid="status-warning" title={state.warning}>
              {state.warning}
            </span>
          )}
          <span className={state.operator ? 'status-item status-on' : 'status-item status-off'} data-testid="status-operator" title={operatorStatusText(state.operator)}>
            <span className="status-dot" aria-hidden="true" />
            {state.operator ? state.operator.name : 'Nessun operatore'}
          </span>
          <span
            className={`status-item status-shrink status-authorization ${state.authorization.available ? 'status-on' : 'status-off'}`}
            data-testid="status-authorization"
            data-available={state.authorization.available ? 'true' : 'false'}
            title={authorizationText(state.authorization)}
          >
            <span className="status-dot" aria-hidden="true" />
            <span className="status-text">{authorizationText(state.authorization)}</span>
          </span>
        </>
      )}
      {showDeadlines && <DeadlinesBadge />}
      {status.error ? (
        <span className="status-item status-item-error" data-testid="status-error" title={status.error.message}>
          {status.error.message}
        </span>
      ) : status.value ? (
        <span className={`status-item status-shrink status-sync ${status.value.sync.available ? 'status-on' : 'status-off'}`} data-testid="status-sync" title={status.value.sync.reason}>
          <span className="status-dot" aria-hidden="true" />
          <span className="status-text">{status.value.sync.reason}</span>
        </span>
      ) : null}
      {patientCount !== null && (
        <span className="status-item status-count" data-testid="status-patient-count">
          {patientCountText(patientCount)}
        </span>
      )}
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
