import type { SyncStatus } from '../../../../shared/contract/sync';
import { formatCount } from '../../format';
import { pendingByKind, pendingTotalText } from '../../sync';

/** What waits to be sent, by kind of data. */
export function PendingCard({ status }: { status: SyncStatus }) {
  const rows = pendingByKind(status.pending);
  return (
    <section className="card" aria-labelledby="sync-pending-title" data-testid="sync-pending">
      <h2 className="card-title" id="sync-pending-title">
        In attesa di invio
      </h2>
      <p className="strong" data-testid="sync-pending-total" data-count={status.pendingTotal}>
        {pendingTotalText(status.pendingTotal)}
        {status.pendingTotal > 0 && !status.configured && ': restano nello studio finché il Centro Servizi non è configurato.'}
      </p>
      {rows.length > 0 && (
        <table className="table table-narrow" data-testid="sync-pending-table">
          <thead>
            <tr>
              <th scope="col">Dato</th>
              <th scope="col" className="num">
                In attesa
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.kind} data-testid="sync-pending-row" data-kind={r.kind} data-count={r.count}>
                <td>{r.label}</td>
                <td className="num">{formatCount(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
