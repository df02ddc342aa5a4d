import { useEffect, useRef } from 'react';
import type { ApiErrorBody } from '../../../../shared/api';
import type { ImportProgress, ImportReport } from '../../../../shared/contract/import';
import { downloadText } from '../../download';
import { formatCount } from '../../format';
import { useToday } from '../../today';
import { buildRejectsCsv, formatEta, progressPercent, progressValueText, rateText, rejectsFileName, rejectsShownText, REJECTS_SHOWN, rowsDoneText } from '../../importing';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useMutation } from '../../useMutation';

type Counts = Pick<ImportProgress, 'created' | 'updated' | 'unchanged' | 'rejected'>;

/** Nuovi / Aggiornati / Invariati / Scartati, as large numbers. */
export function ImportCounts({ counts, testId, prefix }: { counts: Counts; testId: string; prefix: string }) {
  const items: { key: keyof Counts; label: string }[] = [
    { key: 'created', label: 'Nuovi' },
    { key: 'updated', label: 'Aggiornati' },
    { key: 'unchanged', label: 'Invariati' },
    { key: 'rejected', label: 'Scartati' },
  ];
  return (
    <dl className="counters" data-testid={testId}>
      {items.map(({ key, label }) => (
        <div key={key} className={`counter counter-${key}`}>
          <dt>{label}</dt>
          <dd data-testid={`${prefix}-${key}`} data-value={counts[key]}>
            {formatCount(counts[key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}

interface ProgressProps {
  progress: ImportProgress | null;
  title: string;
  dryRun: boolean;
  onCancel: () => void;
  cancelling: boolean;
  cancelError: ApiErrorBody | null;
}

const NO_PROGRESS: Pick<ImportProgress, 'done' | 'fraction' | 'rowsPerSecond' | 'etaSeconds' | 'created' | 'updated' | 'unchanged' | 'rejected' | 'finished'> = {
  done: 0,
  fraction: null,
  rowsPerSecond: 0,
  etaSeconds: null,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  finished: false,
};

/** The running import: a bar (without a value while the size of the source is unknown), rows, speed, time left, counters. */
export function ImportRunProgress({ progress, title, dryRun, onCancel, cancelling, cancelError }: ProgressProps) {
  const p = progress ?? NO_PROGRESS;
  const pc = progressPercent(p.fraction);
  const eta = p.finished ? null : formatEta(p.etaSeconds);
  return (
    <section className="import-running" aria-labelledby="import-running-title" data-testid="import-running">
      <h3 className="card-subtitle" id="import-running-title">
        {title}
      </h3>
      <div
        className="progress import-progress"
        role="progressbar"
        aria-labelledby="import-running-title"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pc ?? undefined}
        aria-valuetext={progressValueText(p)}
        aria-busy={!p.finished}
        data-testid="import-progress"
        data-done={p.done}
        data-fraction={p.fraction ?? ''}
        data-finished={p.finished ? 'true' : 'false'}
      >
        <div className="progress-label">
          <span data-testid="import-progress-done">{progress ? rowsDoneText(p.done) : 'Avvio e lettura della sorgente…'}</span>
          <span>{pc !== null ? `${pc}%` : ''}</span>
        </div>
        {/* Without a value the bar moves to and fro: the adapter cannot tell the size of its source. */}
        {pc !== null ? <progress className="progress-bar" max={100} value={pc} aria-hidden="true" /> : <progress className="progress-bar" aria-hidden="true" />}
        <div className="progress-facts">
          {progress && p.rowsPerSecond > 0 && <span data-testid="import-progress-rate">{rateText(p.rowsPerSecond)}</span>}
          {eta && <span data-testid="import-progress-eta">Tempo rimanente: {eta}</span>}
        </div>
      </div>
      <ImportCounts counts={p} testId="import-live-counts" prefix="import-live" />
      {dryRun && <p className="hint">Prova senza salvare: i conteggi dicono cosa succederebbe, l&apos;archivio non viene modificato.</p>}
      <div className="form-actions">
        <button type="button" className="button button-danger" onClick={onCancel} aria-disabled={cancelling} data-testid="import-cancel">
          {cancelling ? 'Annullamento in corso…' : dryRun ? 'Interrompi la prova' : 'Annulla importazione'}
        </button>
        {!dryRun && <span className="hint">Annullando, nulla di questa importazione resta in archivio.</span>}
      </div>
      {cancelError && <ErrorMessage error={cancelError} />}
    </section>
  );
}

interface ResultProps {
  report: ImportReport;
  /** All the rejects of the run, which may be more than the report carries. */
  rejectedTotal: number;
  adapterLabel: string;
}

function resultTitle(report: ImportReport): string {
  if (report.status === 'failed') return report.dryRun ? 'Prova non riuscita' : 'Importazione non riuscita';
  if (report.status === 'cancelled') return report.dryRun ? 'Prova annullata' : 'Importazione annullata';
  if (report.dryRun) return 'Prova completata: nulla è stato salvato';
  return report.runId !== null ? `Importazione n. ${report.runId} completata` : 'Importazione completata';
}

/** What the run did: counts, the first rejects, the CSV with all of them, the warnings, or the error. */
export function ImportRunResult({ report, rejectedTotal, adapterLabel }: ResultProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [report]);
  const done = report.status === 'done';
  const shown = report.rejected.slice(0, REJECTS_SHOWN);
  const more = rejectsShownText(shown.length, Math.max(rejectedTotal, report.rejected.length), report.runId !== null);
  const tone = report.status === 'done' ? (rejectedTotal > 0 ? 'warn' : 'ok') : report.status === 'cancelled' ? 'warn' : 'error';

  return (
    <section
      className={`import-result import-result-${tone}`}
      aria-labelledby="import-result-title"
      data-testid="import-result"
      data-status={report.status}
      data-dry-run={report.dryRun ? 'true' : 'false'}
      data-run-id={report.runId ?? ''}
    >
      <h3 className="card-subtitle" id="import-result-title" ref={headingRef} tabIndex={-1}>
        {resultTitle(report)}
      </h3>
      <p className="hint">{adapterLabel}</p>
      {report.error && (
        <div data-testid="import-error" data-code={report.error.code}>
          <ErrorMessage error={report.error} />
        </div>
      )}
      {done && <ImportCounts counts={{ ...report, rejected: Math.max(rejectedTotal, report.rejected.length) }} testId="import-result-counts" prefix="import-result" />}
      {done && report.dryRun && <p className="notice notice-warn">Era una prova: per salvare i pazienti togliere «Prova senza salvare» e premere di nuovo Importa.</p>}
      {done && report.rejected.length > 0 && <RejectsTable rejects={shown} runId={report.runId} reported={report.rejected} moreText={more} />}
      {report.warnings.length > 0 && (
        <details className="warnings" data-testid="import-result-warnings">
          <summary>
            {report.warnings.length === 1 ? '1 avviso' : `${formatCount(report.warnings.length)} avvisi`} durante l&apos;importazione
          </summary>
          <ul className="warning-list">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function RejectsTable({ rejects, runId, reported, moreText }: { rejects: ImportReport['rejected']; runId: number | null; reported: ImportReport['rejected']; moreText: string | null }) {
  return (
    <div className="rejects">
      <div className="list-bar">
        <h4 className="rejects-title">Righe scartate</h4>
        <RejectsDownloadButton runId={runId} fallback={reported} testId="import-rejects-download" />
      </div>
      {moreText && <p className="hint">{moreText}</p>}
      <ScrollRegion label="Righe scartate" className="rejects-scroll">
        <table className="table" data-testid="import-rejects">
          <caption className="visually-hidden">Righe scartate e motivo</caption>
          <thead>
            <tr>
              <th scope="col">Riga</th>
              <th scope="col">Motivo</th>
            </tr>
          </thead>
          <tbody>
            {rejects.map((r, i) => (
              <tr key={`${i}-${r.row}`} data-testid="import-reject-row">
                <td className="mono nowrap">{r.row}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

/**
 * Saves every reject of a run as CSV for Excel (import.rejects); a dry run keeps none in the
 * archive, so its file is built from the rejects the report carries.
 */
export function RejectsDownloadButton({
  runId,
  fallback,
  testId,
  label = 'Scarica gli scarti (CSV)',
  small = false,
}: {
  runId: number | null;
  fallback?: ImportReport['rejected'];
  testId: string;
  label?: string;
  small?: boolean;
}) {
  const today = useToday();
  const rejects = useMutation('import.rejects');
  const { busy, error } = rejects;

  const download = async () => {
    let rows = fallback ?? [];
    if (runId !== null) {
      const stored = await rejects.run({ runId });
      if (!stored) return;
      rows = stored.rejects;
    }
    downloadText(rejectsFileName(runId, today), buildRejectsCsv(rows));
  };

  return (
    <span className="download">
      <button type="button" className={small ? 'button button-small' : 'button'} onClick={() => void download()} aria-disabled={busy} data-testid={testId}>
        {busy ? 'Preparazione del file…' : label}
      </button>
      {error && <ErrorMessage error={error} />}
    </span>
  );
}
