import { authorizationText, cardSummary, operatorStatusText, readerLabels } from '../cards';
import { useCards } from '../cardsFeed';
import { formatDayLong, formatDayShort, patientCountShort, patientCountText } from '../format';
import { useToday } from '../today';
import { pageHref } from '../router';
import { syncIndicator } from '../sync';
import { useSyncStatus } from '../useSyncStatus';
import { ExpiredMarker } from './CardBits';
import { useDeadlines } from './EnrollmentBits';

/**
 * Bottom bar: the readers and their cards, the operator, whether an enrollment could be registered
 * now (live from cards.state / cards.changed), the number of patients; in a session (`session`)
 * also the urgent deadlines and the Centro Servizi.
 */
export function StatusBar({ patientCount, session = false }: { patientCount: number | null; session?: boolean }) {
  const cards = useCards();
  const today = useToday();

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
      {session && <DeadlinesBadge />}
      {session && <SyncIndicator />}
      {patientCount !== null && (
        <span className="status-item status-count" data-testid="status-patient-count" title={patientCountText(patientCount)}>
          {patientCountShort(patientCount)}
          <span className="status-count-where"> in archivio</span>
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

/**
 * The Centro Servizi in a few words, linking to Sincronizzazione. On a narrow bar the counts are
 * what shows (what needs a person, what waits), the state is cut first: the dot's colour, the
 * tooltip and the words a screen reader reads keep it.
 */
function SyncIndicator() {
  const { status, error } = useSyncStatus();
  if (error) {
    return (
      <a className="status-item status-item-error status-sync" href={pageHref('sincronizzazione')} title={error.message} data-testid="status-sync" data-tone="error">
        <span className="status-text">Centro Servizi: stato non disponibile</span>
      </a>
    );
  }
  if (!status) return null;
  const s = syncIndicator(status);
  const counts: { text: string; className: string; testId: string }[] = [];
  if (s.verify) counts.push({ text: s.verify, className: 'status-sync-count status-sync-verify', testId: 'status-sync-verify' });
  if (s.pending) counts.push({ text: s.pending, className: 'status-sync-count', testId: 'status-sync-pending' });
  return (
    <a
      className={`status-item status-sync status-sync-${s.tone}${counts.length ? ' status-sync-counted' : ''}`}
      href={pageHref('sincronizzazione')}
      title={s.title}
      data-testid="status-sync"
      data-tone={s.tone}
      data-pending={status.pendingTotal}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">{s.state}</span>
      {counts.map((c) => (
        <span key={c.testId} className={c.className} data-testid={c.testId}>
          {/* Real spaces around the separator: a screen reader (and a copy) reads words, not "linea·3". */}
          {' '}
          <span className="status-sync-sep">· </span>
          {c.text}
        </span>
      ))}
    </a>
  );
}
