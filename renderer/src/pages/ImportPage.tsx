import { useEffect, useRef, useState } from 'react';
import type { ApiErrorBody, CallOutput } from '../../../shared/api';
import type { ChronicLevel } from '../../../shared/domain/chronicLevel';
import { formatItalianDate, isIsoDate } from '../../../shared/domain/dates';
import type { AdapterInfo, ImportProgress, ImportReport } from '../../../shared/contract/import';
import { useApi, useCall, useEvent } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field, FieldError, TextField } from '../components/Field';
import { ImportHistory } from '../components/ImportHistory';
import { ImportMapping, type FileHeaders } from '../components/ImportMapping';
import { ImportRunProgress, ImportRunResult } from '../components/ImportRun';
import { LevelBadge } from '../components/LevelBadge';
import { PageHeading } from '../components/PageHeading';
import {
  adapterName,
  buildOptions,
  DEFAULT_DB,
  EMPTY_MAPPING,
  initialJsonOptions,
  OUTCOME_LABEL,
  previewSummaryText,
  sourceFormKind,
  type DbForm,
  type SourceField,
  type SourceForm,
  type SourceFormKind,
} from '../importing';

const PREVIEW_LIMIT = 50;

const EMPTY_FORM: SourceForm = { path: '', mapping: EMPTY_MAPPING, dateFormat: '', db: DEFAULT_DB, json: '' };

const PATH_EXAMPLE: Record<string, string> = {
  'ats-list': 'C:\\Dati\\lista_ats.csv',
  'mapped-file': 'C:\\Dati\\export_pazienti.xlsx',
  'fhir-bundle': 'C:\\Dati\\pazienti_fhir.json',
};

const SOURCE_LABEL: Record<AdapterInfo['source'], string> = {
  file: 'file',
  folder: 'cartella',
  database: 'database',
};

type Preview = CallOutput<'import.preview'>;
type ActionError = { where: 'source' | 'actions'; error: ApiErrorBody };

/**
 * The choices of the last visit (kind, path, mapping, connection without the password), so that
 * going to another page and back does not lose them. Kept in memory only, never saved.
 */
let remembered: { adapterId: string | null; form: SourceForm; dryRun: boolean } = { adapterId: null, form: EMPTY_FORM, dryRun: false };

interface ActiveRun {
  adapter: string;
  dryRun: boolean;
  /** Known from the first progress event (never for a dry run, which has no run record). */
  runId: number | null;
}

/**
 * Importazione: choose the kind of source, say where it is (a file path, the Millewin database,
 * a mapped export), look at a preview of what would happen, import with progress, see the result
 * with the rejects, and go back over (or undo) previous imports.
 */
export function ImportPage() {
  const call = useApi();
  const adapters = useCall('import.adapters', {});
  const runs = useCall('import.runs', {});
  const reloadRuns = runs.reload;
  useEvent('patients.changed', reloadRuns);

  const [adapterId, setAdapterId] = useState<string | null>(remembered.adapterId);
  const [form, setForm] = useState<SourceForm>(remembered.form);
  const [fieldError, setFieldError] = useState<{ field: SourceField; message: string } | null>(null);
  const [headers, setHeaders] = useState<FileHeaders | null>(null);
  const [actionError, setActionError] = useState<ActionError | null>(null);
  const [preview, setPreview] = useState<{ key: string; value: Preview } | null>(null);
  const [previewBusy, setPreviewBusy] = useState(false);
  const [dryRun, setDryRun] = useState(remembered.dryRun);

  useEffect(() => {
    remembered = { adapterId, form: { ...form, db: { ...form.db, password: '' } }, dryRun };
  }, [adapterId, form, dryRun]);

  const active = useRef<ActiveRun | null>(null);
  const lastProgress = useRef<ImportProgress | null>(null);
  const [running, setRunning] = useState<ActiveRun | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<ApiErrorBody | null>(null);
  const [result, setResult] = useState<{ report: ImportReport; rejectedTotal: number } | null>(null);
  // A run this page did not start (another window, the command line, or before the page was reopened).
  const [elsewhere, setElsewhere] = useState<ImportProgress | null>(null);

  const adapterList = adapters.value?.adapters ?? null;
  const adapter = adapterList?.find((a) => a.id === adapterId) ?? null;
  const kind: SourceFormKind | null = adapter ? sourceFormKind(adapter) : null;
  const checked = kind ? buildOptions(kind, form) : null;
  const optionsKey = adapter && checked?.ok ? JSON.stringify([adapter.id, checked.options]) : null;
  const shownPreview = preview && preview.key === optionsKey ? preview.value : null;
  const busy = running !== null;

  useEvent('import.progress', (p) => {
    const mine = active.current;
    if (mine) {
      if (p.adapter !== mine.adapter || mine.dryRun !== (p.runId === null)) return;
      if (mine.runId !== null && p.runId !== mine.runId) return;
      if (mine.runId === null && p.runId !== null) {
        mine.runId = p.runId;
        setRunning({ ...mine });
      }
      lastProgress.current = p;
      setProgress(p);
      return;
    }
    setElsewhere(p.finished ? null : p);
    if (p.finished) reloadRuns();
  });

  const chooseAdapter = (a: AdapterInfo) => {
    if (busy || a.id === adapterId) return;
    setAdapterId(a.id);
    setFieldError(null);
    setActionError(null);
    setResult(null);
    if (sourceFormKind(a) === 'json') setForm((f) => ({ ...f, json: initialJsonOptions(a) }));
  };

  const update = (patch: Partial<SourceForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setFieldError(null);
  };
  const updateDb = (key: keyof DbForm, value: string) => {
    setForm((f) => ({ ...f, db: { ...f.db, [key]: value } }));
    setFieldError(null);
  };

  /** The options, or the first field to fix (focused, with its message). */
  const validOptions = (): Record<string, unknown> | null => {
    if (!checked) return null;
    if (checked.ok) return checked.options;
    setFieldError({ field: checked.field, message: checked.message });
    const target = checked.field === 'mapping' ? 'import-map-codiceFiscale' : checked.field === 'json' ? 'import-options-json' : fieldInputId(checked.field);
    document.getElementById(target)?.focus();
    return null;
  };

  const runPreview = async () => {
    if (!adapter || previewBusy || busy) return;
    const options = validOptions();
    if (!options || !optionsKey) return;
    setActionError(null);
    setResult(null);
    setPreviewBusy(true);
    const answer = await call('import.preview', { adapter: adapter.id, options, limit: PREVIEW_LIMIT });
    setPreviewBusy(false);
    if (answer.ok) setPreview({ key: optionsKey, value: answer.value });
    else {
      setPreview(null);
      setActionError({ where: 'actions', error: answer.error });
    }
  };

  const runImport = async () => {
    if (!adapter || busy || previewBusy) return;
    const options = validOptions();
    if (!options) return;
    const mine: ActiveRun = { adapter: adapter.id, dryRun, runId: null };
    active.current = mine;
    setRunning({ ...mine });
    setElsewhere(null);
    lastProgress.current = null;
    setProgress(null);
    setCancelling(false);
    setCancelError(null);
    setActionError(null);
    setResult(null);
    // The preview described the archive before this run: it no longer holds afterwards.
    setPreview(null);
    const answer = await call('import.run', { adapter: adapter.id, options, dryRun });
    active.current = null;
    setRunning(null);
    setCancelling(false);
    // Set by the progress events meanwhile (TypeScript keeps the null assigned before the await).
    const last = lastProgress.current as ImportProgress | null;
    lastProgress.current = null;
    setProgress(null);
    if (answer.ok) {
      const report = answer.value;
      // The report lists at most 1,000 rejects; the last progress event counted them all.
      const counted = last && last.adapter === report.adapter && last.runId === report.runId ? last.rejected : 0;
      setResult({ report, rejectedTotal: Math.max(counted, report.rejected.length) });
    } else {
      setActionError({ where: 'actions', error: answer.error });
    }
    reloadRuns();
  };

  const cancelRun = async (target: ActiveRun | null, fromEvent: ImportProgress | null) => {
    if (cancelling) return;
    setCancelError(null);
    let runId = target?.runId ?? fromEvent?.runId ?? null;
    if (runId === null && target && !target.dryRun) {
      // No progress event yet: the run record says which run is this adapter's.
      const list = await call('import.runs', {});
      if (list.ok) runId = list.value.runs.filter((r) => r.status === 'running' && r.adapter === target.adapter).sort((a, b) => b.id - a.id)[0]?.id ?? null;
    }
    if (runId === null) {
      setCancelError({
        code: 'cannot-cancel',
        message: target?.dryRun
          ? 'Una prova senza salvare non si può interrompere: non modifica l’archivio, attendere la fine.'
          : 'Importazione non ancora avviata: riprovare tra qualche secondo.',
      });
      return;
    }
    setCancelling(true);
    const answer = await call('import.cancel', { runId });
    if (!answer.ok) {
      setCancelling(false);
      setCancelError(answer.error);
    } else if (!answer.value.cancelled) {
      // It had just finished: the result arrives anyway.
      setCancelling(false);
      reloadRuns();
    }
  };

  const sourceError = actionError?.where === 'source' ? actionError.error : null;
  const flowError = actionError?.where === 'actions' ? actionError.error : null;
  const failures = adapters.value?.failures ?? [];
  const pathId = 'import-path';

  return (
    <section className="page page-wide" data-testid="page-importazione">
      <PageHeading focusOnMount>Importazione</PageHeading>
      <p className="lead">
        Importazione dei pazienti dalla lista ATS dei pazienti cronici, dal gestionale dello studio (Millewin) o da un export in CSV/Excel. Prima
        l&apos;anteprima, poi l&apos;importazione: un paziente già in archivio viene aggiornato senza perdere i dati inseriti dallo studio, e ogni
        importazione si può annullare.
      </p>

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
        {adapterList === null && !adapters.error && <p className="hint">Lettura dei tipi di importazione…</p>}
        {adapterList && adapterList.length === 0 && <p className="hint">Nessun tipo di importazione disponibile.</p>}
        {adapterList && adapterList.length > 0 && (
          <fieldset className="adapter-list" disabled={busy}>
            <legend className="visually-hidden">Tipo di importazione</legend>
            {adapterList.map((a) => (
              <label key={a.id} className={a.id === adapterId ? 'adapter-option adapter-option-checked' : 'adapter-option'}>
                <input
                  type="radio"
                  name="import-adapter"
                  value={a.id}
                  checked={a.id === adapterId}
                  onChange={() => chooseAdapter(a)}
                  data-testid={`import-adapter-${a.id}`}
                />
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
      </section>

      {adapter && kind && (
        <section className="card" aria-labelledby="import-step-source" data-testid="import-source" data-kind={kind}>
          <h2 className="card-title" id="import-step-source">
            2. {kind === 'database' ? 'Collegamento al database' : kind === 'json' ? 'Opzioni' : 'File da importare'}
          </h2>

          {(kind === 'path' || kind === 'mapped') && (
            <TextField
              id={pathId}
              label="Percorso del file"
              fieldClassName="field field-path"
              className="input input-path mono"
              spellCheck={false}
              maxLength={1000}
              value={form.path}
              onChange={(path) => update({ path })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void runPreview();
                }
              }}
              disabled={busy}
              aria-invalid={fieldError?.field === 'path'}
              aria-describedby={fieldError?.field === 'path' ? 'import-path-error import-path-hint' : 'import-path-hint'}
            >
              {fieldError?.field === 'path' && (
                <FieldError id="import-path-error" testId="import-field-error">
                  {fieldError.message}
                </FieldError>
              )}
              <span className="field-hint" id="import-path-hint">
                Percorso del file sul computer dello studio, ad es. <span className="mono">{PATH_EXAMPLE[adapter.id] ?? PATH_EXAMPLE['ats-list']}</span>. Il file
                viene letto da PiC Studio sul computer dove è in funzione (in Esplora file: tasto destro sul file, «Copia come percorso», poi incollare qui).
              </span>
            </TextField>
          )}

          {kind === 'mapped' && (
            <ImportMapping
              path={form.path}
              mapping={form.mapping}
              onMappingChange={(mapping) => update({ mapping })}
              dateFormat={form.dateFormat}
              onDateFormatChange={(dateFormat) => update({ dateFormat })}
              headers={headers}
              onHeaders={setHeaders}
              error={sourceError}
              onError={(error) => {
                setActionError(error ? { where: 'source', error } : null);
                if (error) setResult(null);
              }}
              invalidMessage={fieldError?.field === 'mapping' ? fieldError.message : null}
              disabled={busy}
            />
          )}

          {kind === 'database' && <DatabaseFields db={form.db} onChange={updateDb} fieldError={fieldError} disabled={busy} />}

          {kind === 'json' && (
            <Field id="import-options-json" label="Opzioni del plug-in (JSON)">
              <textarea
                id="import-options-json"
                className="input textarea textarea-code mono"
                rows={6}
                spellCheck={false}
                value={form.json}
                onChange={(e) => update({ json: e.target.value })}
                disabled={busy}
                aria-invalid={fieldError?.field === 'json'}
                aria-describedby={fieldError?.field === 'json' ? 'import-options-json-error import-options-json-hint' : 'import-options-json-hint'}
                data-testid="import-options-json"
              />
              {fieldError?.field === 'json' && (
                <FieldError id="import-options-json-error" testId="import-field-error">
                  {fieldError.message}
                </FieldError>
              )}
              <span className="field-hint" id="import-options-json-hint">
                Le opzioni che il plug-in «{adapter.name}» richiede, come oggetto JSON: ad esempio {'{"path": "C:\\\\Dati\\\\file.csv"}'} (nei percorsi la barra
                rovesciata va scritta due volte).
              </span>
            </Field>
          )}
        </section>
      )}

      {adapter && (
        <section className="card" aria-labelledby="import-step-run" data-testid="import-actions">
          <h2 className="card-title" id="import-step-run">
            3. Anteprima e importazione
          </h2>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => void runPreview()} aria-disabled={previewBusy || busy} data-testid="import-preview-button">
              {previewBusy ? 'Anteprima in corso…' : 'Anteprima'}
            </button>
            <button type="button" className="button button-primary" onClick={() => void runImport()} aria-disabled={busy || previewBusy} data-testid="import-run-button">
              {busy ? 'Importazione in corso…' : 'Importa'}
            </button>
            <label className="checkbox checkbox-inline">
              <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} disabled={busy} data-testid="import-dry-run" />
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

          {running && (
            <ImportRunProgress
              progress={progress}
              title={running.dryRun ? `Prova in corso: ${adapter.name}` : `Importazione in corso: ${adapter.name}`}
              dryRun={running.dryRun}
              onCancel={() => void cancelRun(active.current, null)}
              cancelling={cancelling}
              cancelError={cancelError}
            />
          )}

          {result && !running && (
            <ImportRunResult
              report={result.report}
              rejectedTotal={Math.max(result.rejectedTotal, runs.value?.runs.find((r) => r.id === result.report.runId)?.rejected ?? 0)}
              adapterLabel={adapterName(adapterList, result.report.adapter)}
            />
          )}

          {shownPreview && !running && <PreviewTable preview={shownPreview} />}
        </section>
      )}

      {elsewhere && !running && (
        <section className="card" aria-label="Importazione in corso">
          <ImportRunProgress
            progress={elsewhere}
            title={`Importazione in corso: ${adapterName(adapterList, elsewhere.adapter)}`}
            dryRun={elsewhere.runId === null}
            onCancel={() => void cancelRun(null, elsewhere)}
            cancelling={cancelling}
            cancelError={cancelError}
          />
        </section>
      )}

      <ImportHistory runs={runs.value?.runs ?? null} error={runs.error} loading={runs.loading} onReload={reloadRuns} adapters={adapterList} />
    </section>
  );
}

function fieldInputId(field: SourceField): string {
  if (field === 'path') return 'import-path';
  return DB_FIELDS.find((f) => `db.${f.key}` === field)?.id ?? 'import-path';
}

const DB_FIELDS: { key: keyof DbForm; id: string; label: string; hint: string; placeholder?: string; type?: string }[] = [
  {
    key: 'host',
    id: 'import-db-host',
    label: 'Server',
    hint: 'Il computer con il database di Millewin (localhost se è questo). Vuoto: quello configurato per Millewin su questo computer.',
    placeholder: 'localhost',
  },
  { key: 'port', id: 'import-db-port', label: 'Porta', hint: 'Vuoto: 5432.', placeholder: '5432' },
  { key: 'database', id: 'import-db-name', label: 'Nome del database', hint: 'Vuoto: milleps.', placeholder: 'milleps' },
  { key: 'user', id: 'import-db-user', label: 'Utente del database', hint: "L'utente PostgreSQL con cui leggere i dati." },
  { key: 'password', id: 'import-db-password', label: 'Password del database', hint: 'Non viene salvata.', type: 'password' },
  { key: 'doctor', id: 'import-doctor', label: 'Codice utente del medico', hint: 'Lo userid del medico in Millewin: si importano i suoi pazienti.' },
];

function DatabaseFields({
  db,
  onChange,
  fieldError,
  disabled,
}: {
  db: DbForm;
  onChange: (key: keyof DbForm, value: string) => void;
  fieldError: { field: SourceField; message: string } | null;
  disabled: boolean;
}) {
  return (
    <div className="form-grid form-grid-db" data-testid="import-db-form">
      {DB_FIELDS.map((f) => {
        const invalid = fieldError?.field === `db.${f.key}`;
        return (
          <TextField
            key={f.key}
            id={f.id}
            label={f.label}
            className={f.key === 'port' ? 'input input-port' : 'input'}
            type={f.type ?? 'text'}
            inputMode={f.key === 'port' ? 'numeric' : undefined}
            spellCheck={false}
            placeholder={f.placeholder}
            value={db[f.key]}
            onChange={(value) => onChange(f.key, value)}
            disabled={disabled}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${f.id}-error ${f.id}-hint` : `${f.id}-hint`}
          >
            {invalid && (
              <FieldError id={`${f.id}-error`} testId="import-field-error">
                {fieldError.message}
              </FieldError>
            )}
            <span className="field-hint" id={`${f.id}-hint`}>
              {f.hint}
            </span>
          </TextField>
        );
      })}
    </div>
  );
}

function showDate(value: string | null): string {
  if (!value) return '';
  return isIsoDate(value) ? formatItalianDate(value) : value;
}

/** The first rows as the import would treat them: new, updated, unchanged or rejected (with why). */
function PreviewTable({ preview }: { preview: Preview }) {
  return (
    <div className="preview" data-testid="import-preview-panel" data-match={preview.match ? 'true' : 'false'}>
      <h3 className="card-subtitle">Anteprima</h3>
      {!preview.match && (
        <div className="notice notice-error notice-strong" role="alert" data-testid="import-preview-mismatch">
          <p className="notice-title">La sorgente non sembra del tipo scelto</p>
          <p className="notice-text">{preview.matchReason ?? 'Controllare il file e il tipo di importazione scelto.'}</p>
        </div>
      )}
      <p className="result-count" data-testid="import-preview-summary">
        {previewSummaryText(preview.items)}
      </p>
      {preview.warnings.length > 0 && (
        <ul className="notice notice-warn warning-list" data-testid="import-preview-warnings">
          {preview.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {preview.items.length > 0 && (
        <div className="table-scroll">
          <table className="table table-preview" data-testid="import-preview">
            <caption className="visually-hidden">Anteprima dell&apos;importazione</caption>
            <thead>
              <tr>
                <th scope="col">Riga</th>
                <th scope="col">Esito</th>
                <th scope="col">Codice fiscale</th>
                <th scope="col">Cognome e nome</th>
                <th scope="col">Nascita</th>
                <th scope="col">Livello</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {preview.items.map((item, i) => (
                <tr key={`${i}-${item.row}`} data-testid="import-preview-row" data-outcome={item.outcome} data-cf={item.codiceFiscale ?? ''}>
                  <td className="mono nowrap">{item.row}</td>
                  <td>
                    <span className={`outcome outcome-${item.outcome}`}>{OUTCOME_LABEL[item.outcome]}</span>
                  </td>
                  <td className="mono">{item.codiceFiscale ?? <span className="muted">—</span>}</td>
                  <td>{[item.surname, item.givenName].filter(Boolean).join(' ') || <span className="muted">—</span>}</td>
                  <td className="nowrap">{showDate(item.birthDate) || <span className="muted">—</span>}</td>
                  <td>
                    {item.chronicLevel !== null && [1, 2, 3].includes(item.chronicLevel) ? (
                      <LevelBadge level={item.chronicLevel as ChronicLevel} plain />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    {item.reason && (
                      <div className={item.outcome === 'reject' ? 'preview-reason preview-reason-reject' : 'preview-reason'} data-testid="import-preview-reason">
                        {item.reason}
                      </div>
                    )}
                    {item.warnings.map((w, j) => (
                      <div key={j} className="note warning-text">
                        {w}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
