import type { HeldItem as Held, SyncStatus } from '../../../../shared/contract/sync';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useMutation } from '../../useMutation';
import { SyncItemHead } from './SyncItemHead';

/** An item the Centro Servizi refused: the server's reason verbatim, and «Riprova». */
export function HeldItem({ item, canAct, onRetried }: { item: Held; canAct: boolean; onRetried: (status: SyncStatus) => void }) {
  const retry = useMutation('sync.retry');
  const run = async () => {
    const next = await retry.run({ uid: item.uid });
    if (next) onRetried(next);
  };
  const headId = `sync-attention-${item.uid}`;
  return (
    <li className="sync-item" data-testid="sync-attention" data-uid={item.uid} data-kind={item.kind} data-patient-id={item.patientId}>
      <SyncItemHead id={headId} patientId={item.patientId} patientName={item.patientName} codiceFiscale={item.codiceFiscale} kind={item.kind} createdAt={item.createdAt} extra={item.attempts === 1 ? '1 tentativo' : `${item.attempts} tentativi`} />
      <div className="sync-reason">
        <span className="muted">Motivo indicato dal Centro Servizi:</span>
        <blockquote className="sync-reason-text" data-testid="sync-attention-reason">
          {item.reason || 'nessun motivo indicato'}
        </blockquote>
      </div>
      {canAct && (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void run()} aria-disabled={retry.busy} aria-describedby={headId} data-testid="sync-retry">
            {retry.busy ? 'Invio…' : 'Riprova'}
          </button>
        </div>
      )}
      {retry.error && <ErrorMessage error={retry.error} reveal />}
    </li>
  );
}
