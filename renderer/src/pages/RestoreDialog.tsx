import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { EventPayload } from '../../../shared/api';
import type { BackupView } from '../../../shared/contract/backup';
import { useCall } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatTimestamp } from '../dateInput';
import { formatSize } from '../format';
import { keyLoadedText } from '../recoveryKey';
import { backupState, contentsText, keyText, replaceWarning, versionText } from '../restore';
import { useMutation } from '../useMutation';
import { useKeyLoader } from './RecoveryKeyLoader';

interface Props {
  backup: BackupView;
  onClose: () => void;
  /** The archive is now the backup's: the app locks and starts afresh. */
  onRestored: (restored: EventPayload<'backup.restored'>) => void;
}

/**
 * Ripristino di una copia: first what the backup holds, checked again by the core, and what it
 * would replace; then a deliberate confirmation (the box ticked, then the button); then the work,
 * which ends with the lock screen saying what the archive holds now.
 */
export function RestoreDialog({ backup, onClose, onRestored }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const inspected = useCall('backup.inspect', { name: backup.name });
  const restore = useMutation('backup.restore');
  const [understood, setUnderstood] = useState(false);
  const [keyLoaded, setKeyLoaded] = useState<string | null>(null);
  const keyLoader = useKeyLoader(backup.name, (stored) => {
    setKeyLoaded(keyLoadedText(stored));
    inspected.reload();
  });
  const contents = inspected.value;
  const restorable = contents !== null && contents.problem === null;
  const busy = restore.busy;
  const keyMissing = contents?.problem?.code === 'backup-key-missing';

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const close = () => {
    if (!busy) onClose();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    close();
  };

  const confirm = async () => {
    if (!restorable || !understood || busy) return;
    const r = await restore.run({ name: backup.name, confirm: true });
    if (r) {
      const { createdAt, patients, enrollments, documents } = r.backup;
      onRestored({ createdAt, patients, enrollments, documents, replaced: r.replaced });
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog dialog-wide"
      data-testid="restore-dialog"
      aria-labelledby="restore-title"
      aria-busy={busy || inspected.loading}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 className="dialog-title" id="restore-title">
        Ripristinare la copia del {formatTimestamp(backup.createdAt)}?
      </h2>
      {inspected.loading && !contents && (
        <p className="hint" data-testid="restore-loading">
          Verifica della copia in corso…
        </p>
      )}
      {inspected.error && <ErrorMessage error={inspected.error} onRetry={inspected.reload} />}
      {contents && (
        <>
          <p className="restore-contents" data-testid="restore-contents">
            {contentsText(contents)}
          </p>
          <dl className="facts facts-wide" data-testid="restore-facts">
            <div className="fact">
              <dt>Copia del</dt>
              <dd>{formatTimestamp(contents.createdAt)}</dd>
            </div>
            <div className="fact">
              <dt>Fatta con</dt>
              <dd>{versionText(contents)}</dd>
            </div>
            <div className="fact">
              <dt>Dimensione</dt>
              <dd>{formatSize(contents.sizeBytes)}</dd>
            </div>
            <div className="fact">
              <dt>Verifica</dt>
              <dd data-testid="restore-verified">{contents.problem ? backupState(contents.problem).label : 'Integra: appena ricontrollata.'}</dd>
            </div>
            <div className="fact">
              <dt>Chiave</dt>
              {/* Said here once a key is loaded: the screen grows no taller, and its buttons stay in view. */}
              <dd aria-live="polite" data-testid="restore-key">
                {keyLoaded ?? keyText(contents)}
              </dd>
            </div>
            <div className="fact">
              <dt>Cartella</dt>
              <dd className="mono path">{contents.path}</dd>
            </div>
          </dl>
          {contents.problem ? (
            <>
              <div className="notice notice-error" role="alert" data-testid="restore-problem" data-code={contents.problem.code}>
                <p className="notice-title">{backupState(contents.problem).label}: questa copia non si può ripristinare</p>
                <p className="notice-text">{contents.problem.message}</p>
              </div>
              {keyMissing && (
                <p>
                  Se la chiave di ripristino di questa copia è su una chiavetta (un file .key), caricarla con «Carica la chiave di ripristino…»: PiC Studio
                  controlla che apra questa copia e la conserva su questo computer.
                </p>
              )}
              {keyLoader.error && <ErrorMessage error={keyLoader.error} reveal />}
            </>
          ) : (
            <>
              <div className="notice notice-warn notice-info" data-testid="restore-warning">
                <p className="notice-title">I dati attuali saranno sostituiti</p>
                <p className="notice-text restore-warning-text">{replaceWarning(contents)}</p>
              </div>
              <label className="checkbox">
                <input type="checkbox" checked={understood} disabled={busy} onChange={(e) => setUnderstood(e.target.checked)} data-testid="restore-understood" />
                Ho capito: sostituire i dati attuali con quelli di questa copia
              </label>
            </>
          )}
        </>
      )}
      {busy && (
        <div className="progress" data-testid="restore-progress">
          <div className="progress-label">
            <span>Ripristino in corso: verifica, conservazione dei dati attuali, sostituzione…</span>
          </div>
          <progress className="progress-bar" aria-label="Ripristino in corso" />
        </div>
      )}
      {restore.error && <ErrorMessage error={restore.error} reveal />}
      <div className="dialog-actions">
        {keyMissing && (
          <>
            <button type="button" className="button button-primary" onClick={keyLoader.choose} aria-disabled={keyLoader.busy} data-testid="recovery-key-choose">
              {keyLoader.busy ? 'Verifica della chiave…' : 'Carica la chiave di ripristino…'}
            </button>
            {keyLoader.fileInput}
          </>
        )}
        {restorable && (
          <button
            type="button"
            className="button button-primary button-primary-danger"
            onClick={() => void confirm()}
            aria-disabled={!understood || busy}
            data-testid="restore-confirm"
          >
            {busy ? 'Ripristino in corso…' : 'Ripristina questa copia'}
          </button>
        )}
        <button type="button" className="button" onClick={close} disabled={busy} data-testid="restore-cancel" autoFocus>
          {restorable ? 'Annulla' : 'Chiudi'}
        </button>
      </div>
    </dialog>
  );
}
