import type { SyncConflictView, SyncStatus } from '../../../../shared/contract/sync';
import { ErrorMessage } from '../../components/ErrorMessage';
import { conflictValueLines, elementLabel, markDifferences } from '../../sync';
import { useMutation } from '../../useMutation';
import { SyncItemHead } from './SyncItemHead';

type Keep = 'local' | 'server';

/** A record changed on both sides: the differing elements side by side, and the two choices. */
export function ConflictItem({ conflict, canAct, onResolved }: { conflict: SyncConflictView; canAct: boolean; onResolved: (status: SyncStatus, keep: Keep) => void }) {
  const resolve = useMutation('sync.resolve');
  const choose = async (keep: Keep) => {
    const next = await resolve.run({ id: conflict.id, keep });
    if (next) onResolved(next, keep);
  };
  const headId = `sync-conflict-${conflict.id}`;
  return (
    <li className="sync-item" data-testid="sync-conflict" data-conflict-id={conflict.id} data-patient-id={conflict.patientId}>
      <SyncItemHead id={headId} patientId={conflict.patientId} patientName={conflict.patientName} codiceFiscale={conflict.codiceFiscale} kind={conflict.kind} createdAt={conflict.createdAt} />
      <div className="table-scroll">
        <table className="table sync-versions" aria-label={`Le due versioni: ${conflict.patientName}`}>
          <thead>
            <tr>
              <th scope="col">Dato</th>
              <th scope="col">Versione dello studio</th>
              <th scope="col">Versione del Centro Servizi</th>
            </tr>
          </thead>
          <tbody>
            {conflict.fields.map((f) => {
              const local = conflictValueLines(f.local);
              const server = conflictValueLines(f.server);
              return (
                <tr key={f.name} data-testid="sync-conflict-field" data-field={f.name}>
                  <th scope="row">{elementLabel(f.name)}</th>
                  <td data-testid="sync-conflict-local">
                    <ValueLines lines={local} other={server} />
                  </td>
                  <td data-testid="sync-conflict-server">
                    <ValueLines lines={server} other={local} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canAct && (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void choose('local')} aria-disabled={resolve.busy} aria-describedby={headId} data-testid="sync-keep-local">
            Tieni la versione dello studio
          </button>
          <button type="button" className="button" onClick={() => void choose('server')} aria-disabled={resolve.busy} aria-describedby={headId} data-testid="sync-keep-server">
            Accetta quella del Centro Servizi
          </button>
        </div>
      )}
      {resolve.error && <ErrorMessage error={resolve.error} reveal />}
    </li>
  );
}

/** One side, the lines the other side lacks in bold: where the two versions part. */
function ValueLines({ lines, other }: { lines: string[]; other: string[] }) {
  if (lines.length === 0) return <span className="muted">nessun valore</span>;
  return (
    <ul className="plain-lines">
      {markDifferences(lines, other).map((line, i) => (
        <li key={i} className={line.differs ? 'strong' : undefined}>
          {line.text}
        </li>
      ))}
    </ul>
  );
}
