import { useState } from 'react';
import type { ApiErrorBody } from '../../../../shared/api';
import type { AdapterInfo } from '../../../../shared/contract/import';
import { useCall, useEvent } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { adapterName, buildOptions, INITIAL_JSON_OPTIONS, readsChosenFile, sourceFormKind, type DbForm, type SourceField, type SourceForm } from '../../importing';
import { useMutation } from '../../useMutation';
import { AdapterStep } from './AdapterStep';
import { fieldInputId } from './DatabaseFields';
import { ImportHistory } from './ImportHistory';
import type { FileHeaders } from './ImportMapping';
import { ImportRunProgress, ImportRunResult } from './ImportRun';
import { useImportDraft } from './importDraft';
import { PreviewTable, type Preview } from './PreviewTable';
import { SourceStep } from './SourceStep';
import { useImportJob, useOtherImport } from './useImportJob';

const PREVIEW_LIMIT = 50;

/**
 * Importazione: choose the kind of source, say where it is (a file chosen, the Millewin database,
 * a mapped export), look at a preview of what would happen, import with progress, see the result
 * with the rejects, and go back over (or undo) previous imports.
 */
export function ImportPage() {
  const adapters = useCall('import.adapters', {});
  // The page stays mounted while Impostazioni enables or disables a plug-in.
  useEvent('plugins.changed', adapters.reload);
  const runs = useCall('import.runs', {});
  const reloadRuns = runs.reload;
  useEvent('patients.changed', reloadRuns);

  const [draft, remember] = useImportDraft();
  // The password lives only here, never in the draft.
  const [form, setForm] = useState<SourceForm>(draft.form);
  const [fieldError, setFieldError] = useState<{ field: SourceField; message: string } | null>(null);
  const [headers, setHeaders] = useState<FileHeaders | null>(null);
  const [sourceError, setSourceError] = useState<ApiErrorBody | null>(null);
  const [startError, setStartError] = useState<ApiErrorBody | null>(null);
  const previewCall = useMutation('import.preview');
  const [preview, setPreview] = useState<{ key: string; value: Preview } | null>(null);
  const job = useImportJob(
    draft.job,
    (id) => {
      remember({ job: id });
      reloadRuns();
    },
    (ended) => {
      // The core spent the file on the import (its uploaded copy is gone): another one needs choosing again.
      if (!ended.dryRun && kind && readsChosenFile(kind)) edit({ ...form, file: null });
    },
  );
  const other = useOtherImport(draft.job);

  const adapterList = adapters.value?.adapters ?? null;
  const adapter = adapterList?.find((a) => a.id === draft.adapterId) ?? null;
  const kind = adapter ? sourceFormKind(adapter) : null;
  const checked = kind ? buildOptions(kind, form) : null;
  const optionsKey = adapter && checked?.ok ? JSON.stringify([adapter.id, checked.options]) : null;
  const shownPreview = preview && preview.key === optionsKey ? preview.value : null;
  const busy = job.running;
  const dryRun = job.view?.dryRun ?? draft.dryRun;
  const report = job.view?.report ?? null;

  const chooseAdapter = (a: AdapterInfo) => {
    if (busy || a.id === draft.adapterId) return;
    const nextKind = sourceFormKind(a);
    const next = nextKind === 'json' || nextKind === 'file-json' ? { ...form, json: INITIAL_JSON_OPTIONS } : form;
    setForm(next);
    remember({ adapterId: a.id, form: next, job: null });
    setFieldError(null);
    setSourceError(null);
    setStartError(null);
  };

  const edit = (next: SourceForm) => {
    setForm(next);
    remember({ form: next });
    setFieldError(null);
  };
  const updateDb = (key: keyof DbForm, value: string) => edit({ ...form, db: { ...form.db, [key]: value } });

  /** The options, or the first field to fix (focused, with its message). */
  const validOptions = (): Record<string, unknown> | null => {
    if (!checked) return null;
    if (checked.ok) return checked.options;
    setFieldError({ field: checked.field, message: checked.message });
    document.getElementById(fieldInputId(checked.field))?.focus();
    return null;
  };

  const runPreview = async () => {
    if (!adapter || busy) return;
    const options = validOptions();
    if (!options || !optionsKey) return;
    setStartError(null);
    if (report) job.dismiss();
    const value = await previewCall.run({ adapter: adapter.id, options, limit: PREVIEW_LIMIT });
    setPreview(value ? { key: optionsKey, value } : null);
  };

  const runImport = async () => {
    if (!adapter || busy || previewCall.busy) return;
    const options = validOptions();
    if (!options) return;
    // The preview described the archive before this run: it no longer holds afterwards.
    setPreview(null);
    setStartError(await job.start(adapter.id, options, draft.dryRun));
  };

  const flowError = startError ?? previewCall.error ?? job.lost;
  const rejectedTotal = report
    ? Math.max(job.view?.progress?.rejected ?? 0, report.rejected.length, runs.value?.runs.find((r) => r.id === report.runId)?.rejected ?? 0)
    : 0;

  return (
    <section className="page page-wide" data-testid="page-importazione">
      <PageHeading focusOnMount>Importazione</PageHeading>
      <p className="lead">
        Importazione dei pazienti dalla lista ATS dei pazienti cronici, dal gestionale dello studio (Millewin) o da un export in CSV/Excel. Prima
        l&apos;anteprima, poi l&apos;importazione: un paziente già in archivio viene aggiornato senza perdere i dati inseriti dallo studio, e ogni
        importazione si può annullare.
      </p>

      <AdapterStep adapters={adapters} adapterId={draft.adapterId} onChoose={chooseAdapter} disabled={busy} />

      {adapter && kind && (
        <SourceStep
          adapter={adapter}
          kind={kind}
          form={form}
          onChange={(patch) => edit({ ...form, ...patch })}
          onDbChange={updateDb}
          fieldError={fieldError}
          headers={headers}
          onHeaders={setHeaders}
          sourceError={sourceError}
          onSourceError={(error) => {
            setSourceError(error);
            if (error && report) job.dismiss();
          }}
          disabled={busy}
        />
      )}

      {adapter && (
        <section className="card" aria-labelledby="import-step-run" data-testid="import-actions">
          <h2 className="card-title" id="import-step-run">
            3. Anteprima e importazione
          </h2>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => void runPreview()} aria-disabled={previewCall.busy || busy} data-testid="import-preview-button">
              {previewCall.busy ? 'Anteprima in corso…' : 'Anteprima'}
            </button>
            <button type="button" className="button button-primary" onClick={() => void runImport()} aria-disabled={busy || previewCall.busy} data-testid="import-run-button">
              {busy ? (dryRun ? 'Prova in corso…' : 'Importazione in corso…') : draft.dryRun ? 'Prova' : 'Importa'}
            </button>
            <label className="checkbox checkbox-inline">
              <input type="checkbox" checked={draft.dryRun} onChange={(e) => remember({ dryRun: e.target.checked })} disabled={busy} data-testid="import-dry-run" />
              Prova senza salvare
            </label>
          </div>
          <p className="hint">
            L&apos;anteprima mostra cosa succederebbe alle prime {PREVIEW_LIMIT} righe senza modificare l&apos;archivio. «Prova senza salvare» legge tutto il
            file e conta nuovi, aggiornati e scartati, ma non salva nulla.
          </p>

          {flowError && (
            <div data-testid="import-error" data-code={flowError.code}>
              <ErrorMessage error={flowError} />
            </div>
          )}

          {busy && (
            <ImportRunProgress
              progress={job.view?.progress ?? null}
              title={dryRun ? `Prova in corso: ${adapter.name}` : `Importazione in corso: ${adapter.name}`}
              dryRun={dryRun}
              onCancel={() => void job.cancel()}
              cancelling={job.cancelling}
              cancelError={job.cancelError}
            />
          )}

          {report && <ImportRunResult report={report} rejectedTotal={rejectedTotal} adapterLabel={adapterName(adapterList, report.adapter)} />}

          {shownPreview && !busy && <PreviewTable preview={shownPreview} />}
        </section>
      )}

      {other.other && !busy && (
        <section className="card" aria-label={other.other.runId === null ? 'Prova in corso' : 'Importazione in corso'}>
          <ImportRunProgress
            progress={other.other}
            title={`${other.other.runId === null ? 'Prova in corso' : 'Importazione in corso'}: ${adapterName(adapterList, other.other.adapter)}`}
            dryRun={other.other.runId === null}
            onCancel={() => void other.cancel()}
            cancelling={false}
            cancelError={other.cancelError}
          />
        </section>
      )}

      <ImportHistory runs={runs.value?.runs ?? null} error={runs.error} loading={runs.loading} onReload={reloadRuns} adapters={adapterList} />
    </section>
  );
}
