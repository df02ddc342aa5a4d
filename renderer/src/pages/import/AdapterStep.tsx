import type { CallOutput } from '../../../../shared/api';
import type { AdapterInfo } from '../../../../shared/contract/import';
import type { CallState } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';

const SOURCE_LABEL: Record<AdapterInfo['source'], string> = {
  file: 'file',
  folder: 'cartella',
  database: 'database',
};

/** Step 1: the kind of source, with the plug-ins that could not be loaded. */
export function AdapterStep({
  adapters,
  adapterId,
  onChoose,
  disabled,
}: {
  adapters: CallState<CallOutput<'import.adapters'>>;
  adapterId: string | null;
  onChoose: (adapter: AdapterInfo) => void;
  disabled: boolean;
}) {
  const list = adapters.value?.adapters ?? null;
  const failures = adapters.value?.failures ?? [];
  return (
    <section className="card" aria-labelledby="import-step-adapter">
      <h2 className="card-title" id="import-step-adapter">
        1. Da dove importare
      </h2>
      {adapters.error && <ErrorMessage error={adapters.error} onRetry={adapters.reload} />}
      {failures.length > 0 && (
        <div className="notice notice-warn import-plugin-failures" role="status" data-testid="import-plugin-failures">
          <p className="notice-text">
            {failures.length === 1 ? 'Un plug-in di importazione non è stato caricato' : `${failures.length} plug-in di importazione non sono stati caricati`} (cartella
            «plugins» dei dati):
          </p>
          <ul className="plain-list">
            {failures.map((f) => (
              <li key={f.file}>
                <span className="mono">{f.file}</span>: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {list === null && !adapters.error && <p className="hint">Lettura dei tipi di importazione…</p>}
      {list && list.length === 0 && <p className="hint">Nessun tipo di importazione disponibile.</p>}
      {list && list.length > 0 && (
        <fieldset className="adapter-list" disabled={disabled}>
          <legend className="visually-hidden">Tipo di importazione</legend>
          {list.map((a) => (
            <label key={a.id} className={a.id === adapterId ? 'adapter-option adapter-option-checked' : 'adapter-option'}>
              <input type="radio" name="import-adapter" value={a.id} checked={a.id === adapterId} onChange={() => onChoose(a)} data-testid={`import-adapter-${a.id}`} />
              <span className="adapter-text">
                <span className="adapter-name">
                  {a.name}
                  {a.plugin && <span className="tag tag-todo adapter-tag">plug-in</span>}
                </span>
                <span className="adapter-description">{a.description}</span>
                <span className="adapter-source">Origine: {SOURCE_LABEL[a.source]}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {list && <p className="hint">Altri tipi di importazione si aggiungono con i plug-in, che si abilitano in Impostazioni.</p>}
    </section>
  );
}
