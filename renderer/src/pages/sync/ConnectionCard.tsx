import { useState } from 'react';
import type { SyncRunResult, SyncStatus } from '../../../../shared/contract/sync';
import { Fact } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { connection, nextRunText, runResultText, whenText } from '../../sync';
import { useMutation } from '../../useMutation';

/** Where the Centro Servizi is, whether it answers, when the last sync went through; «Sincronizza ora». */
export function ConnectionCard({ status }: { status: SyncStatus }) {
  const c = connection(status);
  return (
    <section className="card" aria-labelledby="sync-connection-title" data-testid="sync-connection">
      <h2 className="card-title" id="sync-connection-title">
        Collegamento con il Centro Servizi
      </h2>
      <dl className="facts facts-wide">
        <Fact label="Indirizzo">
          <span className="mono path">{status.url}</span>
        </Fact>
        <Fact label="Stato">
          <span className={`sync-state sync-state-${c.tone}`} data-testid="sync-online" data-online={String(status.online)}>
            <span className="status-dot" aria-hidden="true" />
            {c.state.charAt(0).toUpperCase() + c.state.slice(1)}
          </span>
        </Fact>
        {status.lastError && (
          <Fact label="Ultimo errore">
            <span data-testid="sync-last-error" data-code={status.lastError.code}>
              {status.lastError.message}
            </span>
          </Fact>
        )}
        <Fact label="Ultima sincronizzazione">
          <span data-testid="sync-last-success">{whenText(status.lastSuccessAt)}</span>
        </Fact>
        {/* A run that stopped: when it was tried, and when the worker tries again by itself. */}
        {status.lastError && (
          <Fact label="Ultimo tentativo">
            <span data-testid="sync-last-attempt">{whenText(status.lastAttemptAt)}, non riuscito</span>
          </Fact>
        )}
        {status.lastError && status.nextRunAt && (
          <Fact label="Nuovo tentativo">
            <span data-testid="sync-next-run">{nextRunText(status.nextRunAt)}</span>
          </Fact>
        )}
      </dl>
      <SyncNow running={status.running} />
    </section>
  );
}

/** Asks the worker for a run now, past its timer and its backoff; says what it achieved. */
function SyncNow({ running }: { running: boolean }) {
  const run = useMutation('sync.run');
  const [result, setResult] = useState<SyncRunResult | null>(null);
  const busy = run.busy || running;
  const start = async () => {
    if (busy) return;
    setResult(null);
    const r = await run.run({});
    if (r) setResult(r);
  };
  return (
    <>
      <div className="form-actions">
        {/* aria-disabled rather than disabled: the button keeps the keyboard focus while the run goes. */}
        <button type="button" className="button button-primary" onClick={() => void start()} aria-disabled={busy} data-testid="sync-run">
          {busy ? 'Sincronizzazione in corso…' : 'Sincronizza ora'}
        </button>
      </div>
      {result && (
        <p className={result.error ? 'notice notice-warn' : 'notice notice-ok'} role="status" data-testid="sync-run-result" data-error={result.error?.code ?? ''}>
          {runResultText(result)}
        </p>
      )}
      {result?.error && <ErrorMessage error={result.error} />}
      {run.error && <ErrorMessage error={run.error} reveal />}
    </>
  );
}
