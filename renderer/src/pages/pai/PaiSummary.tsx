import type { PaiView } from '../../../../shared/contract/pai';
import { PRIORITY_LABEL } from '../../../../shared/domain/booking/model';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { pathologyName } from '../../../../shared/domain/pathology';
import { cadenceLabel } from '../../../../shared/domain/pai/cadence';
import { LIFESTYLE_AREA_LABEL, PATHOLOGY_ROLE_LABEL, SEVERITY_LABEL } from '../../../../shared/domain/pai/model';
import { Fact } from '../../components/Card';
import { Completeness } from './Completeness';

/** A PAI read-only: what the non-MMG roles see, and the MMG once it is active. */
export function PaiSummary({ view }: { view: PaiView }) {
  const { pai } = view;
  return (
    <div className="pai-summary" data-testid="pai-summary" data-status={pai.status}>
      <dl className="facts">
        <Fact label="Validità">
          {formatItalianDate(pai.validFrom)} – {formatItalianDate(pai.validTo)}
        </Fact>
        {pai.activatedOn && <Fact label="Attivato il">{formatItalianDate(pai.activatedOn)}</Fact>}
        {pai.cancelReason && <Fact label="Motivo dell'annullamento">{pai.cancelReason}</Fact>}
      </dl>
      <Completeness completeness={view.completeness} />
      <h3 className="card-subtitle">Patologie</h3>
      <ul className="plain-list">
        {pai.pathologies.map((p) => (
          <li key={p.code}>
            <span className="strong">{pathologyName(p.code) ?? p.code}</span> — {PATHOLOGY_ROLE_LABEL[p.role]}, {SEVERITY_LABEL[p.severity].toLowerCase()}
          </li>
        ))}
      </ul>
      <h3 className="card-subtitle">Prestazioni programmate</h3>
      <table className="table" data-testid="pai-summary-items">
        <thead>
          <tr>
            <th scope="col">Codice</th>
            <th scope="col">Prestazione</th>
            <th scope="col">Cadenza</th>
            <th scope="col">Priorità</th>
            <th scope="col">Dal</th>
          </tr>
        </thead>
        <tbody>
          {pai.items.map((i) => (
            <tr key={i.code}>
              <td className="mono">{i.code}</td>
              <td>{i.description}</td>
              <td>{cadenceLabel(i.timing)}</td>
              <td>{i.priority ? PRIORITY_LABEL[i.priority] : <span className="muted">controllo</span>}</td>
              <td className="nowrap">{formatItalianDate(i.timing.bounds.start)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PrescriptionBatches batches={view.batches} />
      <h3 className="card-subtitle">Farmaci cronici</h3>
      {pai.drugs.length === 0 ? <p className="hint">Nessuno.</p> : (
        <ul className="plain-list">
          {pai.drugs.map((d) => (
            <li key={d.atc}>
              <span className="mono">{d.atc}</span> {d.name}
              {d.dosage && `, ${d.dosage}`}
            </li>
          ))}
        </ul>
      )}
      <h3 className="card-subtitle">Stile di vita</h3>
      {pai.lifestyle.length === 0 ? <p className="hint">Nessun obiettivo.</p> : (
        <ul className="plain-list" data-testid="pai-summary-lifestyle">
          {pai.lifestyle.map((l, n) => (
            <li key={n}>
              <span className="strong">{LIFESTYLE_AREA_LABEL[l.area]}</span>: {l.goal}
            </li>
          ))}
        </ul>
      )}
      <h3 className="card-subtitle">Vaccinazioni</h3>
      {pai.vaccinations.length === 0 ? <p className="hint">Nessuna.</p> : (
        <ul className="plain-list">
          {pai.vaccinations.map((v, n) => (
            <li key={n}>
              {v.vaccine}
              {v.dueOn && `, entro il ${formatItalianDate(v.dueOn)}`}
              {v.doneOn && `, eseguita il ${formatItalianDate(v.doneOn)}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The year's prescriptions in two batches, each valid six months: what to prescribe and when. */
function PrescriptionBatches({ batches }: { batches: PaiView['batches'] }) {
  return (
    <>
      <h3 className="card-subtitle">Ricette per semestre</h3>
      <div className="pai-batches" data-testid="pai-batches">
        {batches.map((b) => (
          <div key={b.batch} data-testid={`pai-batch-${b.batch}`}>
            <p className="strong">
              {b.batch === 1 ? 'Primo' : 'Secondo'} semestre: dal {formatItalianDate(b.from)} al {formatItalianDate(b.to)}
            </p>
            {b.lines.length === 0 ? (
              <p className="hint">Nessuna prestazione.</p>
            ) : (
              <ul className="plain-list">
                {b.lines.map((l) => (
                  <li key={l.code}>
                    <span className="mono">{l.code}</span> {l.description}
                    {l.dates.length > 1 && <span className="muted"> ({l.dates.length} volte)</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </>
  );
}
