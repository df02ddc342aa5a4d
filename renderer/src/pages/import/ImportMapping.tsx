import { useState } from 'react';
import type { ApiErrorBody, CallOutput } from '../../../../shared/api';
import type { ChosenFile } from '../../../../shared/contract/import';
import { useApi, useCall } from '../../api';
import {
  checkMapping,
  checkMappingName,
  guessMapping,
  isMappingEmpty,
  MAPPING_FIELDS,
  MAPPING_NAME_MAX,
  mappingFromSaved,
  missingColumns,
  sampleValues,
  type DateFormat,
  type MappingField,
  type MappingState,
} from '../../importing';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScrollRegion } from '../../components/ScrollRegion';

/** The headers read, with the handle of the file they are of. */
export type FileHeaders = CallOutput<'import.fileHeaders'> & { file: string };

const SAMPLE_ROWS = 5;

interface Props {
  file: ChosenFile | null;
  mapping: MappingState;
  onMappingChange: (mapping: MappingState) => void;
  dateFormat: DateFormat;
  onDateFormatChange: (format: DateFormat) => void;
  headers: FileHeaders | null;
  onHeaders: (headers: FileHeaders | null) => void;
  /** The page shows one action error at a time; this step's go through it. */
  error: ApiErrorBody | null;
  onError: (error: ApiErrorBody | null) => void;
  /** The mapping field the page's check found wrong (e.g. no codice fiscale). */
  invalidMessage: string | null;
  disabled: boolean;
}

/**
 * The column mapping of a generic CSV/XLSX export: read the file's headers and first rows, choose
 * the column of each patient field, save the mapping under a name and reuse it for the next export.
 */
export function ImportMapping({ file, mapping, onMappingChange, dateFormat, onDateFormatChange, headers, onHeaders, error, onError, invalidMessage, disabled }: Props) {
  const call = useApi();
  const saved = useCall('import.mappings', {});
  const [reading, setReading] = useState(false);
  const [chosenSaved, setChosenSaved] = useState('');
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [savedName, setSavedName] = useState<string | null>(null);
  const [localError, setLocalError] = useState<{ field: MappingField | 'name'; message: string } | null>(null);

  const headersStale = headers !== null && headers.file !== file?.file;
  const shownHeaders = headers && !headersStale ? headers : null;
  const missing = shownHeaders ? missingColumns(mapping, shownHeaders.headers) : [];

  const readHeaders = async () => {
    if (reading || disabled) return;
    setSavedName(null);
    setLocalError(null);
    if (!file) {
      onError({ code: 'invalid-input', message: 'Scegliere prima il file da importare.' });
      document.getElementById('import-choose-file')?.focus();
      return;
    }
    onError(null);
    setReading(true);
    const result = await call('import.fileHeaders', { file: file.file });
    setReading(false);
    if (!result.ok) {
      onHeaders(null);
      onError(result.error);
      return;
    }
    onHeaders({ ...result.value, file: file.file });
    // A first proposal from the column names, unless the user already chose (or loaded a saved mapping).
    if (isMappingEmpty(mapping)) onMappingChange(guessMapping(result.value.headers));
  };

  const applySaved = (chosen: string) => {
    setChosenSaved(chosen);
    setSavedName(null);
    setLocalError(null);
    const found = saved.value?.mappings.find((m) => m.name === chosen);
    if (!found) return;
    onMappingChange(mappingFromSaved(found.mapping));
    setName(found.name);
  };

  const save = async () => {
    if (saving || disabled) return;
    setSavedName(null);
    const check = checkMapping(mapping, shownHeaders?.headers ?? null);
    if (!check.ok) {
      setLocalError({ field: check.field, message: check.message });
      document.getElementById(`import-map-${check.field}`)?.focus();
      return;
    }
    const n = checkMappingName(name);
    if (!n.ok) {
      setLocalError({ field: 'name', message: n.message });
      document.getElementById('import-mapping-name')?.focus();
      return;
    }
    setLocalError(null);
    onError(null);
    setSaving(true);
    const result = await call('import.saveMapping', { name: n.name, mapping: check.mapping });
    setSaving(false);
    if (result.ok) {
      setSavedName(result.value.name);
      setChosenSaved(result.value.name);
      saved.reload();
    } else {
      onError(result.error);
    }
  };

  const setField = (field: MappingField, column: string) => {
    setSavedName(null);
    setLocalError(null);
    onMappingChange({ ...mapping, [field]: column });
  };

  const fieldMessage = (field: MappingField) => (localError?.field === field ? localError.message : null);
  const showTable = shownHeaders !== null || !isMappingEmpty(mapping);
  const savedMappings = saved.value?.mappings ?? [];

  return (
    <div className="mapping" data-testid="import-mapping-step">
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void readHeaders()} aria-disabled={reading || disabled} data-testid="import-read-headers">
          {reading ? 'Lettura delle colonne…' : shownHeaders ? 'Rileggi le colonne del file' : 'Leggi le colonne del file'}
        </button>
        {headersStale && <span className="warning-text">Il file è cambiato: rileggere le colonne.</span>}
      </div>
      {error && (
        <div data-testid="import-error" data-code={error.code}>
          <ErrorMessage error={error} />
        </div>
      )}

      <div className="mapping-saved">
        <div className="field">
          <label htmlFor="import-mapping-select">Mappature salvate</label>
          <select
            id="import-mapping-select"
            className="input select-auto"
            value={chosenSaved}
            onChange={(e) => applySaved(e.target.value)}
            disabled={disabled || savedMappings.length === 0}
            data-testid="import-mapping-select"
          >
            <option value="">{savedMappings.length === 0 ? 'Nessuna mappatura salvata' : '— scegliere una mappatura —'}</option>
            {savedMappings.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
          {saved.error && <span className="field-error">{saved.error.message}</span>}
        </div>
        <div className="field">
          <label htmlFor="import-date-format">Date con l&apos;anno a due cifre</label>
          <select
            id="import-date-format"
            className="input select-auto"
            value={dateFormat}
            onChange={(e) => onDateFormatChange(e.target.value as DateFormat)}
            disabled={disabled}
            data-testid="import-date-format"
          >
            <option value="">Automatico (giorno/mese/anno)</option>
            <option value="dmy">giorno/mese/anno: 07/03/50 è il 7 marzo 1950</option>
            <option value="ymd">anno/mese/giorno: 50/03/07 è il 7 marzo 1950</option>
          </select>
        </div>
      </div>

      {!showTable && <p className="hint">Leggere le colonne del file per associarle ai dati dei pazienti, oppure scegliere una mappatura salvata.</p>}

      {invalidMessage && (
        <p className="field-error" role="alert" data-testid="import-field-error">
          {invalidMessage}
        </p>
      )}

      {showTable && (
        <div className="table-scroll">
          <table className="table table-mapping" data-testid="import-mapping">
            <caption className="visually-hidden">Corrispondenza tra i dati dei pazienti e le colonne del file</caption>
            <thead>
              <tr>
                <th scope="col">Dato del paziente</th>
                <th scope="col">Colonna del file</th>
                <th scope="col">Esempi dal file</th>
              </tr>
            </thead>
            <tbody>
              {MAPPING_FIELDS.map(({ field, label, required }) => {
                const column = mapping[field];
                const absent = missing.includes(field);
                const message = fieldMessage(field);
                const examples = shownHeaders && column ? sampleValues(shownHeaders.headers, shownHeaders.sample, column) : [];
                const options = shownHeaders?.headers ?? [];
                return (
                  <tr key={field} data-testid="import-mapping-row" data-field={field}>
                    <th scope="row" className="mapping-label">
                      <label htmlFor={`import-map-${field}`}>
                        {label}
                        {required && (
                          <span className="required" aria-label="obbligatorio">
                            *
                          </span>
                        )}
                      </label>
                    </th>
                    <td>
                      <select
                        id={`import-map-${field}`}
                        className="input select-auto"
                        value={column}
                        onChange={(e) => setField(field, e.target.value)}
                        disabled={disabled}
                        aria-invalid={absent || message !== null}
                        aria-required={required}
                        aria-describedby={message || absent ? `import-map-${field}-error` : undefined}
                        data-testid={`import-map-${field}`}
                      >
                        <option value="">— non presente nel file —</option>
                        {options.map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                        {column !== '' && !options.includes(column) && <option value={column}>{shownHeaders ? `${column} (non nel file)` : column}</option>}
                      </select>
                      {(message || absent) && (
                        <span className="field-error" id={`import-map-${field}-error`} data-testid="import-field-error">
                          {message ?? `La colonna "${column}" non è nel file.`}
                        </span>
                      )}
                    </td>
                    <td className="mapping-examples">
                      {examples.length > 0 ? examples.join(' · ') : <span className="muted">—</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {showTable && (
        <div className="mapping-save">
          <div className="field">
            <label htmlFor="import-mapping-name">Salva questa mappatura con il nome</label>
            <input
              id="import-mapping-name"
              className="input"
              type="text"
              autoComplete="off"
              maxLength={MAPPING_NAME_MAX}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setSavedName(null);
              }}
              disabled={disabled}
              aria-invalid={localError?.field === 'name'}
              aria-describedby={localError?.field === 'name' ? 'import-mapping-name-error' : 'import-mapping-name-hint'}
              data-testid="import-mapping-name"
            />
            {localError?.field === 'name' ? (
              <span className="field-error" id="import-mapping-name-error" data-testid="import-field-error">
                {localError.message}
              </span>
            ) : (
              <span className="field-hint" id="import-mapping-name-hint">
                Per riusarla con i prossimi export dello stesso programma. Lo stesso nome sostituisce la mappatura precedente.
              </span>
            )}
          </div>
          <button type="button" className="button" onClick={() => void save()} aria-disabled={saving || disabled} data-testid="import-mapping-save">
            {saving ? 'Salvataggio…' : 'Salva la mappatura'}
          </button>
          {savedName && (
            <span className="notice notice-ok" role="status" data-testid="import-mapping-saved">
              Mappatura “{savedName}” salvata.
            </span>
          )}
        </div>
      )}

      {shownHeaders && shownHeaders.sample.length > 0 && (
        <details className="sample" open>
          <summary>Prime righe del file ({shownHeaders.headers.length} colonne)</summary>
          <ScrollRegion label="Prime righe del file">
            <table className="table table-sample" data-testid="import-sample">
              <caption className="visually-hidden">Prime righe del file</caption>
              <thead>
                <tr>
                  {shownHeaders.headers.map((h, i) => (
                    <th scope="col" key={`${i}-${h}`}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shownHeaders.sample.slice(0, SAMPLE_ROWS).map((row, r) => (
                  <tr key={r} data-testid="import-sample-row">
                    {shownHeaders.headers.map((h, i) => (
                      <td key={`${i}-${h}`}>{row[i] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </details>
      )}
      {shownHeaders && shownHeaders.sample.length === 0 && <p className="warning-text">Il file ha le intestazioni ma nessuna riga di dati.</p>}
    </div>
  );
}
