import { useState } from 'react';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { ENROLLMENT_STATE_LABEL, EnrollmentState } from '../../../../shared/domain/enrollment';
import { useCall, useEvent } from '../../api';
import { StateBadge } from '../../components/EnrollmentBits';
import { ErrorMessage } from '../../components/ErrorMessage';
import { enrollHref } from '../../router';

const LIST_LIMIT = 200;
const ALL = '';

/** The enrollments by state, registrations waiting for signatures first. */
export function EnrollmentList() {
  const [filter, setFilter] = useState<EnrollmentState | typeof ALL>('registered');
  const list = useCall('enrollment.list', filter === ALL ? {} : { state: filter });
  useEvent('enrollments.changed', list.reload);
  const rows = list.value?.enrollments ?? [];
  return (
    <section className="card" aria-labelledby="enroll-list-title" data-testid="enroll-list">
      <h2 className="card-title" id="enroll-list-title">
        Elenco degli arruolamenti
      </h2>
      <div className="field field-inline">
        <label htmlFor="enroll-list-state">Stato</label>
        <select
          id="enroll-list-state"
          className="input select select-auto"
          value={filter}
          onChange={(e) => setFilter(e.target.value as EnrollmentState | typeof ALL)}
          data-testid="enroll-list-state"
        >
          <option value={ALL}>Tutti quelli in corso</option>
          {EnrollmentState.options.map((s) => (
            <option key={s} value={s}>
              {ENROLLMENT_STATE_LABEL[s]}
            </option>
          ))}
        </select>
        {list.value && (
          <span className="result-count" data-testid="enroll-list-count">
            {rows.length === 1 ? '1 paziente' : `${rows.length} pazienti`}
            {rows.length > LIST_LIMIT ? `: mostrati i primi ${LIST_LIMIT}` : ''}
          </span>
        )}
      </div>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.value && rows.length === 0 && <p className="hint">Nessun paziente in questo stato.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Paziente</th>
                <th scope="col">Codice fiscale</th>
                <th scope="col">Stato</th>
                <th scope="col">Registrato il</th>
                <th scope="col">Firmare entro</th>
                <th scope="col">Valido fino al</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, LIST_LIMIT).map((v) => (
                <tr key={v.id} data-testid="enroll-list-row" data-patient-id={v.patientId} data-state={v.state}>
                  <td className="strong">
                    <a href={enrollHref(v.patientId)}>
                      {v.surname} {v.givenName}
                    </a>
                  </td>
                  <td className="mono">{v.codiceFiscale}</td>
                  <td>
                    <StateBadge state={v.state} />
                  </td>
                  <td>{v.registeredOn ? formatItalianDate(v.registeredOn) : '—'}</td>
                  <td>{v.state === 'registered' && v.deadline ? formatItalianDate(v.deadline) : '—'}</td>
                  <td>{v.periodEnd ? formatItalianDate(v.periodEnd) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

