import { useEffect, useState, type FormEvent } from 'react';
import type { EventPayload } from '../../../shared/api';
import type { BackupView } from '../../../shared/contract/backup';
import { useCall } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/Field';
import { formatTimestamp } from '../dateInput';
import { formatCount } from '../format';
import { backupState } from '../restore';
import { useMutation } from '../useMutation';
import { RecoveryKeySection } from './RecoveryKeySection';
import { RestoreDialog } from './RestoreDialog';

interface Props {
  /** A backup was put in place of the archive: the app locks and starts afresh. */
  onRestored: (restored: EventPayload<'backup.restored'>) => void;
}

/**
 * Copie di sicurezza: the folder the MMG chose (a USB disk, a network share), a copy on demand,
 * and the copies there with what each holds and whether it would restore; «Ripristina…» shows a
 * copy's contents before anything is replaced. The app also takes one a day by itself. Below, the
 * recovery key, without which no copy can be read.
 */
export function BackupPanel({ onRestored }: Props) {
  const list = useCall('backup.list', {});
  const setFolder = useMutation('backup.setFolder');
  const run = useMutation('backup.run');
  const [folder, setFolderText] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupView | null>(null);
  const stored = list.value?.folder ?? null;

  useEffect(() => {
    if (folder === null && list.value) setFolderText(list.value.folder ?? '');
  }, [folder, list.value]);

  const saveFolder = async (e: FormEvent) => {
    e.preventDefault();
    if (setFolder.busy || !folder?.trim()) return;
    run.setError(null);
    if (await setFolder.run({ folder: folder.trim() })) list.reload();
  };
  const backupNow = async () => {
    if (run.busy) return;
    setFolder.setError(null);
    setDone(null);
    const r = await run.run({});
    if (r) {
      setDone(`Copia eseguita e verificata: ${formatCount(r.backup.patients)} pazienti, ${formatCount(r.backup.documents)} documenti.`);
      list.reload();
    }
  };

  return (
    <section className="card" aria-labelledby="settings-backup" data-testid="backup-panel">
      <h2 className="card-title" id="settings-backup">
        Copie di sicurezza
      </h2>
      <p>
        Ogni giorno PiC Studio copia l&apos;archivio e i documenti, cifrati, nella cartella indicata: un disco esterno o una cartella di rete, non questo
        computer. Si tengono le copie degli ultimi 7 giorni e delle 4 settimane precedenti.
      </p>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      <form onSubmit={(e) => void saveFolder(e)} noValidate>
        <TextField id="backup-folder" label="Cartella delle copie" value={folder ?? ''} onChange={setFolderText} maxLength={1000} className="input mono" />
        {setFolder.error && <ErrorMessage error={setFolder.error} reveal />}
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={setFolder.busy} data-testid="backup-folder-save">
            {setFolder.busy ? 'Salvataggio…' : 'Usa questa cartella'}
          </button>
          <button type="button" className="button button-primary" onClick={() => void backupNow()} aria-disabled={run.busy || !stored} data-testid="backup-run">
            {run.busy ? 'Copia in corso…' : 'Esegui ora una copia'}
          </button>
        </div>
      </form>
      {run.error && <ErrorMessage error={run.error} reveal />}
      {done && (
        <p className="notice notice-ok" role="status" data-testid="backup-done">
          {done}
        </p>
      )}
      {list.value && list.value.backups.length === 0 && <p className="hint">Nessuna copia nella cartella.</p>}
      {list.value && list.value.backups.length > 0 && (
        <div className="table-scroll">
          <table className="table table-backups" data-testid="backup-table">
            <thead>
              <tr>
                <th scope="col">Copia del</th>
                <th scope="col">Pazienti</th>
                <th scope="col">Arruolamenti</th>
                <th scope="col">Documenti</th>
                <th scope="col">Stato</th>
                <th scope="col">
                  <span className="visually-hidden">Azioni</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.value.backups.map((b) => {
                const state = backupState(b.problem);
                return (
                  <tr key={b.path} data-testid="backup-row" data-name={b.name}>
                    <td>{formatTimestamp(b.createdAt)}</td>
                    <td>{formatCount(b.patients)}</td>
                    <td>{formatCount(b.enrollments)}</td>
                    <td>{formatCount(b.documents)}</td>
                    <td>
                      <span className={`tag tag-${state.tone}`} data-testid="backup-state">
                        {state.label}
                      </span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setRestoring(b)}
                        aria-label={`Ripristina la copia del ${formatTimestamp(b.createdAt)}`}
                        data-testid="backup-restore"
                      >
                        Ripristina…
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">
        «Ripristina…» mostra cosa contiene la copia prima di sostituire qualcosa; i dati sostituiti restano conservati nella cartella dei dati
        (backups/replaced-…).
      </p>
      <RecoveryKeySection />
      {restoring && (
        <RestoreDialog
          key={restoring.name}
          backup={restoring}
          onClose={() => {
            setRestoring(null);
            list.reload();
          }}
          onRestored={onRestored}
        />
      )}
    </section>
  );
}
