import { useState } from 'react';
import type { PluginView } from '../../../shared/contract/plugins';
import { useCall } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatTimestamp } from '../dateInput';
import { formatSize } from '../format';
import { pluginActions, pluginStatus } from '../plugins';
import { useMutation } from '../useMutation';

/**
 * Plug-in di importazione: the files of the data folder's plugins/, none of which runs until the
 * MMG enables it here by the content hash shown (the core refuses it if the file changed since).
 */
export function PluginsPanel() {
  const list = useCall('plugins.list', {});
  const enable = useMutation('plugins.enable');
  const disable = useMutation('plugins.disable');
  const [asking, setAsking] = useState<PluginView | null>(null);
  const busy = enable.busy || disable.busy;
  const error = enable.error ?? disable.error;

  // Refused or not, the list is read again: a refusal means the folder changed under the user's eyes.
  const confirmEnable = async (p: PluginView) => {
    disable.setError(null);
    await enable.run({ file: p.file, sha256: p.sha256 });
    setAsking(null);
    list.reload();
  };
  const runDisable = async (p: PluginView) => {
    enable.setError(null);
    await disable.run({ file: p.file });
    list.reload();
  };

  const folder = list.value?.folder ?? null;
  const plugins = list.value?.plugins ?? null;
  return (
    <section className="card" aria-labelledby="settings-plugins" data-testid="plugins-panel">
      <h2 className="card-title" id="settings-plugins">
        Plug-in di importazione
      </h2>
      <p>
        Un plug-in aggiunge un tipo di importazione. È un programma che PiC Studio esegue con pieno accesso all&apos;archivio dei pazienti: non viene
        eseguito finché non lo si abilita qui, e solo con il contenuto abilitato. Se il file cambia, va abilitato di nuovo.
      </p>
      {folder && (
        <p className="hint">
          Cartella dei plug-in: <span className="mono path">{folder}</span>
        </p>
      )}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {error && <ErrorMessage error={error} reveal />}
      {plugins === null && !list.error && <p className="hint">Lettura della cartella…</p>}
      {plugins && plugins.length === 0 && (
        <p className="hint" data-testid="plugins-empty">
          Nessun plug-in nella cartella. Per aggiungerne uno, copiarne il file nella cartella e aggiornare l&apos;elenco.
        </p>
      )}
      {plugins && plugins.length > 0 && (
        <ul className="plugin-list">
          {plugins.map((p) => (
            <PluginItem key={p.file} plugin={p} busy={busy} onEnable={() => setAsking(p)} onDisable={() => void runDisable(p)} />
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={list.reload} data-testid="plugins-reload">
          Aggiorna l&apos;elenco
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          title="Abilitare un plug-in"
          confirmLabel={enable.busy ? 'Abilitazione…' : `Sì, abilita ${asking.file}`}
          cancelLabel="No, lascialo disabilitato"
          onConfirm={() => void confirmEnable(asking)}
          onCancel={() => setAsking(null)}
          busy={enable.busy}
          testId="plugin-enable-dialog"
          confirmTestId="plugin-enable-confirm"
          cancelTestId="plugin-enable-dismiss"
        >
          <p>
            Abilitare <span className="mono">{asking.file}</span>? Verrà eseguito subito, e a ogni avvio, con pieno accesso all&apos;archivio dei pazienti.
          </p>
          <p className="hint">Abilitarlo solo se proviene da una fonte affidabile e se la sua impronta è quella indicata da chi l&apos;ha fornito:</p>
          <p className="mono plugin-hash" data-testid="plugin-enable-hash">
            {asking.sha256}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function PluginItem({ plugin: p, busy, onEnable, onDisable }: { plugin: PluginView; busy: boolean; onEnable: () => void; onDisable: () => void }) {
  const status = pluginStatus(p);
  const actions = pluginActions(p);
  return (
    <li className="plugin-item" data-testid={`plugin-${p.file}`} data-state={p.state}>
      <div className="plugin-head">
        <span className="mono plugin-file">{p.file}</span>
        <span className={`tag tag-${status.tone}`} data-testid="plugin-state">
          {status.label}
        </span>
      </div>
      <p className="hint">{status.detail}</p>
      <dl className="facts facts-wide">
        <div className="fact">
          <dt>Impronta SHA-256</dt>
          <dd className="mono plugin-hash">{p.sha256}</dd>
        </div>
        <div className="fact">
          <dt>Dimensione</dt>
          <dd>{formatSize(p.size)}</dd>
        </div>
        {p.enabledAt && (
          <div className="fact">
            <dt>{p.state === 'changed' ? 'Abilitato (contenuto precedente)' : 'Abilitato il'}</dt>
            <dd>{formatTimestamp(p.enabledAt)}</dd>
          </div>
        )}
      </dl>
      <div className="form-actions">
        {actions.includes('enable') && (
          <button type="button" className="button button-primary" onClick={() => !busy && onEnable()} aria-disabled={busy} data-testid="plugin-enable">
            {p.state === 'changed' ? 'Abilita il nuovo contenuto' : 'Abilita'}
          </button>
        )}
        {actions.includes('disable') && (
          <button type="button" className="button" onClick={() => !busy && onDisable()} aria-disabled={busy} data-testid="plugin-disable">
            Disabilita
          </button>
        )}
      </div>
    </li>
  );
}
