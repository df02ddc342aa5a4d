import type { ApiErrorBody } from '../../../../shared/api';
import type { AdapterInfo } from '../../../../shared/contract/import';
import { Field, FieldError, TextField } from '../../components/Field';
import type { DbForm, SourceField, SourceForm, SourceFormKind } from '../../importing';
import { DatabaseFields } from './DatabaseFields';
import { ImportMapping, type FileHeaders } from './ImportMapping';

const PATH_EXAMPLE: Record<string, string> = {
  'ats-list': 'C:\\Dati\\lista_ats.csv',
  'mapped-file': 'C:\\Dati\\export_pazienti.xlsx',
  'fhir-bundle': 'C:\\Dati\\pazienti_fhir.json',
};

interface Props {
  adapter: AdapterInfo;
  kind: SourceFormKind;
  form: SourceForm;
  onChange: (patch: Partial<SourceForm>) => void;
  onDbChange: (key: keyof DbForm, value: string) => void;
  fieldError: { field: SourceField; message: string } | null;
  headers: FileHeaders | null;
  onHeaders: (headers: FileHeaders | null) => void;
  /** The last error of reading the file's headers. */
  sourceError: ApiErrorBody | null;
  onSourceError: (error: ApiErrorBody | null) => void;
  /** Enter in the path: the preview. */
  onSubmit: () => void;
  disabled: boolean;
}

/** Step 2: where the source is (a file path, the mapped columns, the database, a plug-in's options). */
export function SourceStep({ adapter, kind, form, onChange, onDbChange, fieldError, headers, onHeaders, sourceError, onSourceError, onSubmit, disabled }: Props) {
  return (
    <section className="card" aria-labelledby="import-step-source" data-testid="import-source" data-kind={kind}>
      <h2 className="card-title" id="import-step-source">
        2. {kind === 'database' ? 'Collegamento al database' : kind === 'json' ? 'Opzioni' : 'File da importare'}
      </h2>

      {(kind === 'path' || kind === 'mapped') && (
        <TextField
          id="import-path"
          label="Percorso del file"
          fieldClassName="field field-path"
          className="input input-path mono"
          spellCheck={false}
          maxLength={1000}
          value={form.path}
          onChange={(path) => onChange({ path })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onSubmit();
            }
          }}
          disabled={disabled}
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
          onMappingChange={(mapping) => onChange({ mapping })}
          dateFormat={form.dateFormat}
          onDateFormatChange={(dateFormat) => onChange({ dateFormat })}
          headers={headers}
          onHeaders={onHeaders}
          error={sourceError}
          onError={onSourceError}
          invalidMessage={fieldError?.field === 'mapping' ? fieldError.message : null}
          disabled={disabled}
        />
      )}

      {kind === 'database' && <DatabaseFields db={form.db} onChange={onDbChange} fieldError={fieldError} disabled={disabled} />}

      {kind === 'json' && (
        <Field id="import-options-json" label="Opzioni del plug-in (JSON)">
          <textarea
            id="import-options-json"
            className="input textarea textarea-code mono"
            rows={6}
            spellCheck={false}
            value={form.json}
            onChange={(e) => onChange({ json: e.target.value })}
            disabled={disabled}
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
  );
}
