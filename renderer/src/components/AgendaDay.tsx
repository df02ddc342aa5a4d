import type { AgendaEntry } from '../../../shared/contract/calls';
import { useCall, useEvent } from '../api';
import { telHref } from '../calls';
import { formatAge } from '../format';
import { enrollHref } from '../router';
import { useToday } from '../today';
import { StateBadge } from './EnrollmentBits';
import { ErrorMessage } from './ErrorMessage';
import { LevelBadge } from './LevelBadge';

/** The enrollment appointments of one day, by time; each opens the patient's Arruolamento. */
export function AgendaDay({ date, emptyText }: { date: string; emptyText: string }) {
  const agenda = useCall('agenda.day', { date });
  useEvent('enrollments.changed', agenda.reload);
  const today = useToday();
  const appointments: AgendaEntry[] = agenda.value?.appointments ?? [];

  if (agenda.error) return <ErrorMessage error={agenda.error} onRetry={agenda.reload} />;
  if (!agenda.value) return <p className="hint">Lettura degli appuntamenti…</p>;
  if (appointments.length === 0) {
    return (
      <p className="hint" data-testid="agenda-empty">
        {emptyText}
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table table-agenda" data-testid="agenda-table" data-date={date}>
        <caption className="visually-hidden">Appuntamenti di arruolamento</caption>
        <thead>
          <tr>
            <th scope="col">Ora</th>
            <th scope="col">Paziente</th>
            <th scope="col">Livello</th>
            <th scope="col">Telefoni</th>
            <th scope="col">Arruolamento</th>
          </tr>
        </thead>
        <tbody>
          {appointments.map((a) => (
            <tr key={a.patientId} data-testid="agenda-row" data-patient-id={a.patientId} data-cf={a.codiceFiscale} data-state={a.enrollmentState ?? 'none'}>
              <td className="agenda-time">{a.time ?? '—'}</td>
              <td>
                <a href={enrollHref(a.patientId)} className="strong" data-testid="agenda-patient">
                  {a.surname} {a.givenName}
                </a>
                <div className="note">
                  <span className="mono">{a.codiceFiscale}</span> · {formatAge(a.birthDate, today)}
                </div>
                {a.note && <div className="note">Nota: {a.note}</div>}
              </td>
              <td>
                <LevelBadge level={a.chronicLevel} />
              </td>
              <td>
                <div className="phones">
                  {[a.mobile, a.phone].filter((n): n is string => !!n).map((n) => (
                    <a key={n} href={telHref(n)}>
                      {n}
                    </a>
                  ))}
                </div>
              </td>
              <td>
                <StateBadge state={a.enrollmentState} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
