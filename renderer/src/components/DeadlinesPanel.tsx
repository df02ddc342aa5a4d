import type { DeadlineEntry } from '../../../shared/contract/enrollment';
import { telHref } from '../calls';
import { deadlineWhenText } from '../enrollment';
import { enrollHref } from '../router';
import { useDeadlines } from './EnrollmentBits';
import { ErrorMessage } from './ErrorMessage';

interface Group {
  key: string;
  title: string;
  testId: string;
  tone: 'error' | 'warn' | 'info';
  entries: DeadlineEntry[];
  subject?: 'registration' | 'renewal';
}

/**
 * Scadenze: registrations waiting for signatures (today, tomorrow, later), registrations that
 * lapsed, Patti di Cura to renew. Each row opens the patient's Arruolamento.
 */
export function DeadlinesPanel() {
  const deadlines = useDeadlines();
  const d = deadlines.value;
  const groups: Group[] = d
    ? [
        { key: 'overdue', title: 'Termine superato', testId: 'deadline-overdue', tone: 'error', entries: d.registrations.filter((e) => e.when === 'overdue') },
        { key: 'today', title: 'Da firmare oggi (ultimo giorno)', testId: 'deadline-today', tone: 'error', entries: d.registrations.filter((e) => e.when === 'today') },
        { key: 'tomorrow', title: 'Da firmare entro domani', testId: 'deadline-tomorrow', tone: 'warn', entries: d.registrations.filter((e) => e.when === 'tomorrow') },
        { key: 'renewals', title: 'Patti di Cura da rinnovare', testId: 'deadline-renewal', tone: 'warn', entries: d.renewals, subject: 'renewal' },
        { key: 'later', title: 'Altre firme in attesa', testId: 'deadline-later', tone: 'info', entries: d.registrations.filter((e) => e.when === 'later') },
        { key: 'lapsed', title: 'Registrazioni scadute (ultimi 30 giorni): da registrare di nuovo', testId: 'deadline-lapsed', tone: 'info', entries: d.lapsed },
      ]
    : [];
  const shown = groups.filter((g) => g.entries.length > 0);

  return (
    <section className="card deadlines print-target" data-testid="deadlines-panel" aria-labelledby="deadlines-title" data-urgent={d?.urgent ?? ''}>
      <div className="card-head">
        <h2 className="card-title" id="deadlines-title">
          Scadenze
          {d && d.urgent > 0 && (
            <span className="count-badge count-badge-urgent" aria-label={`${d.urgent} urgenti`}>
              {d.urgent}
            </span>
          )}
        </h2>
        {shown.length > 0 && (
          <button type="button" className="button no-print" onClick={() => window.print()} data-testid="deadlines-print">
            Stampa le scadenze
          </button>
        )}
      </div>
      {deadlines.error && <ErrorMessage error={deadlines.error} onRetry={deadlines.reload} />}
      {!d && !deadlines.error && <p className="hint">Lettura delle scadenze…</p>}
      {d && shown.length === 0 && (
        <p className="hint" data-testid="deadlines-empty">
          Nessuna firma in attesa e nessun rinnovo in scadenza.
        </p>
      )}
      {shown.length > 0 && (
        <div className="deadline-groups">
          {shown.map((g) => (
            <section key={g.key} className={`deadline-group deadline-group-${g.tone}`} aria-label={g.title}>
              <h3 className="deadline-group-title">
                {g.title} <span className="muted">({g.entries.length})</span>
              </h3>
              <ul className="deadline-list">
                {g.entries.map((e) => (
                  <li key={`${g.key}-${e.enrollmentId}`} data-testid={g.testId} data-patient-id={e.patientId}>
                    <a href={enrollHref(e.patientId)} className="strong">
                      {e.surname} {e.givenName}
                    </a>{' '}
                    <span className="mono muted">{e.codiceFiscale}</span> <span className="deadline-when">{deadlineWhenText(e, g.subject)}</span>{' '}
                    <span className="deadline-phones" data-testid="deadline-phones">
                      {[e.mobile, e.phone].filter((n): n is string => !!n).map((n) => (
                        <a key={n} href={telHref(n)}>
                          {n}
                        </a>
                      ))}
                      {!e.mobile && !e.phone && <span className="muted">nessun numero</span>}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
