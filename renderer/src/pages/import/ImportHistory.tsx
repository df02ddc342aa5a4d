import { useEffect, useState } from 'react';
import type { ApiErrorBody, CallOutput } from '../../../../shared/api';
import type { AdapterInfo, ImportRunView } from '../../../../shared/contract/import';
import { useApi } from '../../api';
import { formatTimestamp } from '../../dateInput';
import { formatCount } from '../../format';
import { adapterName, canUndo, keptText, RUN_STATUS_NOTE, runStatusLabel, runStatusTone, undoQuestion, undoResultText } from '../../importing';
import { patientHref } from '../../router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useIsMmg } from '../../cardsFeed';
import { useMutation } from '../../useMutation';
import { RejectsDownloadButton } from './ImportRun';

const FIRST_SHOWN = 20;
/** Kept patients named in the undo result (the rest are counted). */
const KEPT_NAMED = 20;

interface Props {
  runs: ImportRunView[] | null;
  error: ApiErrorBody | null;
  loading: boolean;
  onReload: () => void;
  adapters: AdapterInfo[] | null;
}

type UndoResult = CallOutput<'import.undo'>;

/** Importazioni precedenti: when, what, from where, how it ended, the counts; undo and the rejects of each. */
export function ImportHistory({ runs, error, loading, onReload, adapters }: Props) {
  const [showAll, setShowAll] = useState(false);
  const [asking, setAsking] = useState<ImportRunView | null>(null);
  const undoCall = useMutation('import.undo');
  // Undoing is the MMG's decision (the core refuses it to the others).
  const mmg = useIsMmg();
  const { busy: undoing, error: undoError } = undoCall;
  const [undone, setUndone] = useState<UndoResult | null>(null);

  const sorted = runs ? [...runs].sort((a, b) => b.id - a.id) : [];
  const shown = showAll ? sorted : sorted.slice(0, FIRST_SHOWN);

  const undo = async () => {
    if (!asking) return;
    setUndone(null);
    const result = await undoCall.run({ runId: asking.id });
    setAsking(null);
    setUndone(result);
    onReload();
  };

  return (
    <section className="card" aria-labelledby="import-history-title" data-testid="import-history-card">
      <div className="list-bar">
        <h2 className="card-title" id="import-history-title">
          Importazioni precedenti
        </h2>
        <button type="button" className="button" onClick={onReload} aria-disabled={loading} data-testid="import-history-refresh">
          Aggiorna
        </button>
      </div>
      {error && <ErrorMessage error={error} onRetry={onReload} />}
      {undone && (
        <div className="notice notice-ok import-undo-result" role="status" data-testid="import-undo-result" data-kept={undone.kept.length}>
          <p className="notice-text">{undoResultText(undone)}</p>
          {undone.kept.length > 0 && <KeptPatients kept={undone.kept} />}
        </div>
      )}
      {undoError && (
        <div data-testid="import-undo-error">
          <ErrorMessage error={undoError} />
        </div>
      )}
      {runs === null && !error && <p className="hint">Lettura in corso…</p>}
      {runs !== null && runs.length === 0 && (
        <p className="hint" data-testid="import-history-empty">
          Nessuna importazione eseguita finora.
        </p>
      )}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="table table-history" data-testid="import-history">
            <caption className="visually-hidden">Importazioni precedenti, dalla più recente</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  N.
                </th>
                <th scope="col">Avviata il</th>
                <th scope="col">Tipo e origine</th>
                <th scope="col">Stato</th>
                <th scope="col" className="num">
                  Nuovi
                </th>
                <th scope="col" className="num">
                  Aggiornati
                </th>
                <th scope="col" className="num">
                  Invariati
                </th>
                <th scope="col" className="num">
                  Scartati
                </th>
                <th scope="col">
                  <span className="visually-hidden">Azioni</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((run) => (
                <tr key={run.id} data-testid="import-history-row" data-run-id={run.id} data-status={run.status}>
                  <td className="num">{run.id}</td>
                  <td>
                    <RunTime startedAt={run.startedAt} finishedAt={run.finishedAt} />
                  </td>
                  <td className="history-what">
                    <span className="strong" data-testid="import-history-adapter">
                      {adapterName(adapters, run.adapter)}
                    </span>
                    <div className="note mono history-source" title={run.source} data-testid="import-history-source">
                      {run.source}
                    </div>
                  </td>
                  <td className="history-status">
                    <span className={`state state-small state-${runStatusTone(run.status)}`} data-testid="import-history-status">
                      {runStatusLabel(run.status)}
                    </span>
                    {RUN_STATUS_NOTE[run.status] && <div className="note">{RUN_STATUS_NOTE[run.status]}</div>}
                    {run.error && run.status !== 'cancelled' && <div className="note history-error">{run.error}</div>}
                  </td>
                  {[run.created, run.updated, run.unchanged, run.rejected].map((n, i) => (
                    // A failed or cancelled run kept nothing: its counts are the rows read before it stopped.
                    <td key={i} className={keptNothing(run.status) ? 'num muted' : 'num'} title={keptNothing(run.status) ? 'righe elaborate prima dell’interruzione, non salvate' : undefined}>
                      {formatCount(n)}
                    </td>
                  ))}
                  <td>
                    <div className="history-actions">
                      {mmg && canUndo(run) && (
                        <button
                          type="button"
                          className="button button-small button-danger"
                          onClick={() => {
                            undoCall.setError(null);
                            setAsking(run);
                          }}
                          data-testid="import-undo"
                          aria-label={`Annulla l'importazione n. ${run.id}`}
                        >
                          Annulla
                        </button>
                      )}
                      {run.rejected > 0 && run.status !== 'failed' && run.status !== 'cancelled' && (
                        <RejectsDownloadButton runId={run.id} testId="import-history-rejects" label="Scarti (CSV)" small />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sorted.length > FIRST_SHOWN && (
        <button type="button" className="button button-link-like" onClick={() => setShowAll((v) => !v)} data-testid="import-history-more">
          {showAll ? `Mostra solo le ultime ${FIRST_SHOWN}` : `Mostra tutte le ${formatCount(sorted.length)} importazioni`}
        </button>
      )}
      {asking && (
        <ConfirmDialog
          title="Annullare un'importazione"
          confirmLabel={undoing ? 'Annullamento…' : `Sì, annulla l'importazione n. ${asking.id}`}
          cancelLabel="No, lascia com'è"
          onConfirm={() => void undo()}
          onCancel={() => setAsking(null)}
          busy={undoing}
          danger
          testId="import-undo-dialog"
          confirmTestId="import-undo-confirm"
          cancelTestId="import-undo-dismiss"
        >
          <p data-testid="import-undo-question">{undoQuestion(asking.id)}</p>
          <p className="hint">
            {adapterName(adapters, asking.adapter)}, {formatTimestamp(asking.startedAt)}: {formatCount(asking.created)} nuovi, {formatCount(asking.updated)} aggiornati. I
            pazienti che nel frattempo sono stati arruolati restano in archivio.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function keptNothing(status: string): boolean {
  return status === 'failed' || status === 'cancelled';
}

/** "23/11/2025" over "08:15 - 08:17": the day, then start and end. */
function RunTime({ startedAt, finishedAt }: { startedAt: string; finishedAt: string | null }) {
  const start = formatTimestamp(startedAt);
  const space = start.indexOf(' ');
  const day = space < 0 ? start : start.slice(0, space);
  const time = space < 0 ? '' : start.slice(space + 1);
  const end = finishedAt ? formatTimestamp(finishedAt) : null;
  const endTime = end && end.startsWith(`${day} `) ? end.slice(day.length + 1) : end;
  return (
    <>
      {day}
      <div className="note">
        {time}
        {endTime && endTime !== time ? ` – ${endTime}` : ''}
      </div>
    </>
  );
}

/** The patients the undo kept (enrolled, or with the studio's work since), with their names when readable. */
function KeptPatients({ kept }: { kept: UndoResult['kept'] }) {
  const call = useApi();
  const ids = kept.map((k) => k.patientId);
  const [names, setNames] = useState<Record<number, string>>({});
  const named = ids.slice(0, KEPT_NAMED);
  const key = named.join(',');

  useEffect(() => {
    let current = true;
    const wanted = key.split(',').map(Number);
    void Promise.all(wanted.map((id) => call('patients.get', { id }))).then((results) => {
      if (!current) return;
      const next: Record<number, string> = {};
      results.forEach((r, i) => {
        if (r.ok) next[wanted[i] as number] = `${r.value.surname} ${r.value.givenName}`;
      });
      setNames(next);
    });
    return () => {
      current = false;
    };
  }, [call, key]);

  return (
    <div className="kept" data-testid="import-undo-kept">
      <p className="notice-text">{keptText(kept)}:</p>
      <ul className="kept-list">
        {named.map((id) => (
          <li key={id}>
            <a href={patientHref(id)}>{names[id] ?? `paziente n. ${id}`}</a>
          </li>
        ))}
        {ids.length > named.length && <li>e altri {formatCount(ids.length - named.length)}</li>}
      </ul>
    </div>
  );
}
