import type { DeadlineEntry } from '../../../shared/contract/enrollment';
import { telHref } from '../calls';
import { deadlineWhenText } from '../enrollment';
import { enrollHref, paiHref } from '../router';
import { useDeadlines } from './EnrollmentBits';
import { ErrorMessage } from './ErrorMessage';

/** A row of any group: a PAI renewal names its PAI in place of the enrollment, and carries no phone. */
type Row = Pick<DeadlineEntry, 'enrollmentId' | 'patientId' | 'codiceFiscale' | 'surname' | 'givenName' | 'phone' | 'mobile' | 'date' | 'when'>;

interface Group {
  key: string;
  title: string;
  testId: string;
  tone: 'error' | 'warn' | 'info';
  entries: Row[];
  subject?: 'registration' | 'renewal' | 'pai';
}

/**
 * Scadenze: registrations waiting for signatures (today, tomorrow, later), registrations that
 * lapsed, Patti di Cura and PAIs to renew. Each row opens the patient's Arruolamento (a PAI's, his PAI).
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
        {
          key: 'pai',
          title: 'PAI da rinnovare',
          testId: 'deadline-pai-renewal',
          tone: 'warn',
          entries: d.paiRenewals.map((e) => ({ ...e, enrollmentId: e.paiId, phone: null, mobile: null })),
          subject: 'pai',
        },
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
          Nessuna firma in attesa e nessun rinnovo (Patto di Cura o PAI) in scadenza.
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
                    <a href={g.subject === 'pai' ? paiHref(e.patientId) : enrollHref(e.patientId)} className="strong">
                      {e.surname} {e.givenName}
                    </a>{' '}
                    <span className="mono muted">{e.codiceFiscale}</span> <span className="deadline-when">{deadlineWhenText(e, g.subject === 'pai' ? 'renewal' : g.subject)}</span>{' '}
                    {g.subject !== 'pai' && <span className="deadline-phones" data-testid="deadline-phones">
                      {[e.mobile, e.phone].filter((n): n is string => !!n).map((n) => (
                        <a key={n} href={telHref(n)}>
                          {n}
                        </a>
                      ))}
                      {!e.mobile && !e.phone && <span className="muted">nessun numero</span>}
                    </span>}
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
