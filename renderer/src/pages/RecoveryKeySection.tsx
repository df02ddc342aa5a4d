import { useState } from 'react';
import type { ApiErrorBody } from '../../../shared/api';
import type { RecoveryKey } from '../../../shared/contract/keys';
import { useApi, useFileSource } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { downloadText } from '../download';
import { keyDownloadedText, keyGroups, keySavedText, PAPER_HINT } from '../recoveryKey';

/**
 * Chiave di ripristino, in Copie di sicurezza: why the key matters (without it no backup can be
 * read), where it must go (apart from the backups, locked away), and the two ways to keep it: its
 * file (the desktop app's save dialog, or a download in browser mode) or on paper, shown only
 * after a confirmation. The core records each time the key is taken out.
 */
export function RecoveryKeySection() {
  const source = useFileSource();
  const call = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [shown, setShown] = useState<RecoveryKey | null>(null);

  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      setDone(null);
      if (source.kind === 'dialog') {
        const saved = await source.saveRecoveryKey();
        if (!saved.ok) setError(saved.error);
        else if (saved.value) setDone(keySavedText(saved.value));
        return;
      }
      const key = await call('keys.export', { as: 'download' });
      if (!key.ok) return setError(key.error);
      downloadText(key.value.fileName, key.value.text, 'application/octet-stream');
      setDone(keyDownloadedText(key.value.fileName));
    });

  const show = () =>
    run(async () => {
      setAsking(false);
      const key = await call('keys.export', { as: 'paper' });
      if (!key.ok) return setError(key.error);
      setShown(key.value);
    });

  return (
    <div className="recovery-key" data-testid="recovery-key">
      <h3 className="card-subtitle" id="recovery-key-title">
        Chiave di ripristino
      </h3>
      <p>
        Le copie sono cifrate con la chiave di questo archivio: <strong>senza questa chiave nessuna copia si può leggere</strong>. La chiave è su questo
        computer: se il suo disco si guasta, si perde con lui, e con lei tutte le copie.
      </p>
      <p>
        Salvarla ora su una chiavetta da tenere separata dalle copie (non sul loro disco) e custodirla sotto chiave, come le chiavi dello studio; oppure
        scriverla su carta e conservarla allo stesso modo. Chi ha la chiave e una copia può leggere i dati dei pazienti.
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void save()} aria-disabled={busy} data-testid="recovery-key-save">
          Salva la chiave di ripristino…
        </button>
        {shown ? (
          <button type="button" className="button" onClick={() => setShown(null)} data-testid="recovery-key-hide">
            Nascondi la chiave
          </button>
        ) : (
          <button type="button" className="button" onClick={() => !busy && setAsking(true)} aria-disabled={busy} data-testid="recovery-key-show">
            Mostra la chiave
          </button>
        )}
      </div>
      {error && <ErrorMessage error={error} reveal />}
      {done && (
        <p className="notice notice-ok" role="status" data-testid="recovery-key-done">
          {done}
        </p>
      )}
      {shown && (
        <div className="recovery-key-paper" data-testid="recovery-key-shown">
          <p className="notice-title">Chiave di ripristino da scrivere su carta</p>
          <ol className="key-groups" aria-label="La chiave, in 16 gruppi di quattro caratteri" data-testid="recovery-key-groups">
            {keyGroups(shown.text).map((group, i) => (
              <li key={i} className="key-group mono">
                {group}
              </li>
            ))}
          </ol>
          <p>
            Nome del file: <span className="mono key-file-name">{shown.fileName}</span>
          </p>
          <p className="hint">{PAPER_HINT}</p>
        </div>
      )}
      {asking && (
        <ConfirmDialog
          title="Mostrare la chiave sullo schermo?"
          confirmLabel="Mostra la chiave"
          cancelLabel="Annulla"
          onConfirm={() => void show()}
          onCancel={() => setAsking(false)}
          testId="recovery-key-confirm"
          confirmTestId="recovery-key-confirm-yes"
          cancelTestId="recovery-key-confirm-no"
        >
          <p>
            Chi vede la chiave e ha una copia di sicurezza può leggere i dati di tutti i pazienti. Mostrarla solo per scriverla su carta, senza altre persone
            davanti allo schermo, e nasconderla appena scritta.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
