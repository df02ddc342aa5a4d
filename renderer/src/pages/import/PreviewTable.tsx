import type { CallOutput } from '../../../../shared/api';
import type { ChronicLevel } from '../../../../shared/domain/chronicLevel';
import { formatItalianDate, isIsoDate } from '../../../../shared/domain/dates';
import { LevelBadge } from '../../components/LevelBadge';
import { ScrollRegion } from '../../components/ScrollRegion';
import { OUTCOME_LABEL, previewSummaryText } from '../../importing';

export type Preview = CallOutput<'import.preview'>;

function showDate(value: string | null): string {
  if (!value) return '';
  return isIsoDate(value) ? formatItalianDate(value) : value;
}

/** The first rows as the import would treat them: new, updated, unchanged or rejected (with why). */
export function PreviewTable({ preview }: { preview: Preview }) {
  return (
    <div className="preview" data-testid="import-preview-panel" data-match={preview.match ? 'true' : 'false'}>
      <h3 className="card-subtitle">Anteprima</h3>
      {!preview.match && (
        <div className="notice notice-error notice-strong" role="alert" data-testid="import-preview-mismatch">
          <p className="notice-title">La sorgente non sembra del tipo scelto</p>
          <p className="notice-text">{preview.matchReason ?? 'Controllare il file e il tipo di importazione scelto.'}</p>
        </div>
      )}
      <p className="result-count" data-testid="import-preview-summary">
        {previewSummaryText(preview.items)}
      </p>
      {preview.warnings.length > 0 && (
        <ul className="notice notice-warn warning-list" data-testid="import-preview-warnings">
          {preview.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {preview.items.length > 0 && (
        <ScrollRegion label="Anteprima dell'importazione">
          <table className="table table-preview" data-testid="import-preview">
            <caption className="visually-hidden">Anteprima dell&apos;importazione</caption>
            <thead>
              <tr>
                <th scope="col">Riga</th>
                <th scope="col">Esito</th>
                <th scope="col">Codice fiscale</th>
                <th scope="col">Cognome e nome</th>
                <th scope="col">Nascita</th>
                <th scope="col">Livello</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {preview.items.map((item, i) => (
                <tr key={`${i}-${item.row}`} data-testid="import-preview-row" data-outcome={item.outcome} data-cf={item.codiceFiscale ?? ''}>
                  <td className="mono nowrap">{item.row}</td>
                  <td>
                    <span className={`outcome outcome-${item.outcome}`}>{OUTCOME_LABEL[item.outcome]}</span>
                  </td>
                  <td className="mono">{item.codiceFiscale ?? <span className="muted">—</span>}</td>
                  <td>{[item.surname, item.givenName].filter(Boolean).join(' ') || <span className="muted">—</span>}</td>
                  <td className="nowrap">{showDate(item.birthDate) || <span className="muted">—</span>}</td>
                  <td>
                    {item.chronicLevel !== null && [1, 2, 3].includes(item.chronicLevel) ? (
                      <LevelBadge level={item.chronicLevel as ChronicLevel} plain />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    {item.reason && (
                      <div className={item.outcome === 'reject' ? 'preview-reason preview-reason-reject' : 'preview-reason'} data-testid="import-preview-reason">
                        {item.reason}
                      </div>
                    )}
                    {item.warnings.map((w, j) => (
                      <div key={j} className="note warning-text">
                        {w}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
