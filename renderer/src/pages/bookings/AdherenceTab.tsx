import { useState } from 'react';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { useCall, useEvent } from '../../api';
import { sortAdherence, type AdherenceSort } from '../../bookings';
import { Card } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { paiHref } from '../../router';
import { AdherenceTable } from './AdherenceTable';

const SORT_LABEL: Record<AdherenceSort, string> = { percent: 'Aderenza, la peggiore prima', overdue: 'Più prestazioni in ritardo', planned: 'Più prestazioni previste', name: 'Cognome' };

/** The studio's adherence to its PAIs: worst first, sortable, with the totals. */
export function AdherenceTab() {
  const studio = useCall('adherence.studio', {});
  const [sort, setSort] = useState<AdherenceSort>('percent');
  useEvent('bookings.changed', studio.reload);
  useEvent('pai.changed', studio.reload);
  const s = studio.value;
  return (
    <Card title={s ? `Aderenza dal ${formatItalianDate(s.from)} al ${formatItalianDate(s.to)}` : 'Aderenza'} testId="adherence-studio">
      {studio.error && <ErrorMessage error={studio.error} onRetry={studio.reload} />}
      <div className="field field-inline">
        <label htmlFor="adherence-sort">Ordina per</label>
        <select id="adherence-sort" className="select select-auto" value={sort} onChange={(e) => setSort(e.target.value as AdherenceSort)} data-testid="adherence-sort">
          {(Object.keys(SORT_LABEL) as AdherenceSort[]).map((k) => (
            <option key={k} value={k}>
              {SORT_LABEL[k]}
            </option>
          ))}
        </select>
      </div>
      {s && s.patients.length === 0 && <p className="hint">Nessun paziente con un PAI.</p>}
      {s && s.patients.length > 0 && (
        <AdherenceTable
          subject="Paziente"
          testId="adherence-studio-table"
          rows={[
            ...sortAdherence(s.patients, sort).map((p) => ({
              key: String(p.patientId),
              label: (
                <a href={paiHref(p.patientId)} className="strong">
                  {p.surname} {p.givenName}
                </a>
              ),
              figures: p,
            })),
            { key: 'totals', label: <span className="strong">Totale dello studio</span>, figures: s.totals },
          ]}
        />
      )}
    </Card>
  );
}
