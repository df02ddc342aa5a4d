import { useState, type FormEvent } from 'react';
import type { ApiErrorBody, AppInfo, CallOutput, EventPayload } from '../../../shared/api';
import { useApi, useEvent } from '../api';
import { DemoCardsPanel } from '../components/DemoCardsPanel';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeading } from '../components/PageHeading';
import { formatCount, percent, seedResultText } from '../format';
import { checkSeedCount, SEED_DEFAULT, SEED_MAX } from '../seedForm';

interface Props {
  info: AppInfo | null;
  infoError: ApiErrorBody | null;
  onRetryInfo: () => void;
}

export function SettingsPage({ info, infoError, onRetryInfo }: Props) {
  return (
    <section className="page" data-testid="page-impostazioni">
      <PageHeading focusOnMount>Impostazioni</PageHeading>

      <section className="card" aria-labelledby="settings-info">
        <h2 className="card-title" id="settings-info">
          Informazioni sull&apos;installazione
        </h2>
        {infoError && <ErrorMessage error={infoError} onRetry={onRetryInfo} />}
        {info ? (
          <dl className="facts facts-wide" data-testid="app-info">
            <div className="fact">
              <dt>Versione</dt>
              <dd data-testid="app-version">
                {info.name} {info.version}
              </dd>
            </div>
            <div className="fact">
              <dt>Cartella dei dati</dt>
              <dd className="mono path">{info.dataDir}</dd>
            </div>
            <div className="fact">
              <dt>File del database</dt>
              <dd className="mono path">{info.databaseFile}</dd>
            </div>
            <div className="fact">
              <dt>Versione dello schema del database</dt>
              <dd>{info.schemaVersion}</dd>
            </div>
            <div className="fact">
              <dt>Pazienti in archivio</dt>
              <dd data-testid="app-patient-count">{formatCount(info.patientCount)}</dd>
            </div>
          </dl>
        ) : (
          !infoError && <p className="hint">Lettura in corso…</p>
        )}
      </section>

      <DemoSeed />

      <section className="card" data-testid="demo-cards" aria-label="Carte dimostrative">
        <DemoCardsPanel headingLevel={2} />
      </section>
    </section>
  );
}

type Progress = EventPayload<'task.progress'>;

function DemoSeed() {
  const call = useApi();
  const [countText, setCountText] = useState(String(SEED_DEFAULT));
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<CallOutput<'demo.seed'> | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  useEvent('task.progress', (p) => {
    if (p.task === 'demo.seed') setProgress(p);
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    const check = checkSeedCount(countText);
    setResult(null);
    if (!check.ok) {
      setError({ code: 'invalid-input', message: check.message });
      return;
    }
    setError(null);
    setProgress({ task: 'demo.seed', label: 'Creazione pazienti dimostrativi', done: 0, total: check.count, finished: false });
    setRunning(true);
    const answer = await call('demo.seed', { patients: check.count });
    setRunning(false);
    if (answer.ok) {
      setResult(answer.value);
      const done = answer.value.created + answer.value.skipped;
      setProgress((p) => ({ task: 'demo.seed', label: p?.label ?? 'Creazione pazienti dimostrativi', done, total: Math.max(done, p?.total ?? 0), finished: true }));
    } else {
      setError(answer.error);
      setProgress(null);
    }
  };

  return (
    <section className="card" aria-labelledby="settings-demo">
      <h2 className="card-title" id="settings-demo">
        Dati dimostrativi
      </h2>
      <p>
        Crea pazienti inventati, con codici fiscali validi, lettere ATS e livelli di cronicità, per provare
        l&apos;applicazione e per la formazione. Gli stessi pazienti dimostrativi non vengono creati due volte: per
        aggiungerne altri, indicare un numero più alto del precedente.
      </p>
      <p className="warning-text">Da usare solo in un archivio di prova: i pazienti dimostrativi si aggiungono a quelli reali.</p>
      <form className="seed-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="seed-count">Numero di pazienti</label>
          <span className="field-hint" id="seed-count-hint">
            da 1 a {formatCount(SEED_MAX)}
          </span>
          <input
            id="seed-count"
            className="input input-number"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            aria-describedby="seed-count-hint"
            value={countText}
            onChange={(e) => setCountText(e.target.value)}
            data-testid="seed-count"
            disabled={running}
          />
        </div>
        {/* aria-disabled rather than disabled: the button keeps the keyboard focus while the work runs. */}
        <button type="submit" className="button button-primary" data-testid="seed-button" aria-disabled={running}>
          {running ? 'Creazione in corso…' : 'Crea pazienti dimostrativi'}
        </button>
      </form>

      {progress && (
        <div
          className="progress"
          data-testid="seed-progress"
          data-done={progress.done}
          data-total={progress.total}
          data-finished={progress.finished ? 'true' : 'false'}
        >
          <div className="progress-label">
            <span>{progress.label}</span>
            <span>
              {formatCount(progress.done)} di {formatCount(progress.total)} ({percent(progress.done, progress.total)}%)
            </span>
          </div>
          <progress className="progress-bar" max={Math.max(progress.total, 1)} value={progress.done} aria-label={progress.label}>
            {percent(progress.done, progress.total)}%
          </progress>
        </div>
      )}
      {result && (
        <p className="notice notice-ok" role="status" data-testid="seed-result">
          {seedResultText(result.created, result.skipped)}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
