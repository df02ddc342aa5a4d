import type { ApiErrorBody } from '../../../../shared/api';
import type { AdapterInfo } from '../../../../shared/contract/import';
import { Field, FieldError } from '../../components/Field';
import { readsChosenFile, type DbForm, type SourceField, type SourceForm, type SourceFormKind } from '../../importing';
import { DatabaseFields } from './DatabaseFields';
import { FileChoice } from './FileChoice';
import { ImportMapping, type FileHeaders } from './ImportMapping';

const TITLE: Record<SourceFormKind, string> = {
  file: 'File da importare',
  mapped: 'File da importare',
  database: 'Collegamento al database',
  json: 'Opzioni',
  'file-json': 'File da importare e opzioni',
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
  disabled: boolean;
}

/** Step 2: where the source is (the file chosen, the mapped columns, the database, a plug-in's options). */
export function SourceStep({ adapter, kind, form, onChange, onDbChange, fieldError, headers, onHeaders, sourceError, onSourceError, disabled }: Props) {
  return (
    <section className="card" aria-labelledby="import-step-source" data-testid="import-source" data-kind={kind}>
      <h2 className="card-title" id="import-step-source">
        2. {TITLE[kind]}
      </h2>

      {readsChosenFile(kind) && (
        <FileChoice
          adapter={adapter}
          file={form.file}
          onChosen={(file) => onChange({ file })}
          invalidMessage={fieldError?.field === 'file' ? fieldError.message : null}
          disabled={disabled}
        />
      )}

      {kind === 'mapped' && (
        <ImportMapping
          file={form.file}
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

      {(kind === 'json' || kind === 'file-json') && (
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
            Le opzioni che il plug-in «{adapter.name}» richiede, come oggetto JSON: ad esempio {'{"foglio": 2}'}.{' '}
            {kind === 'file-json'
              ? 'Il file si sceglie con «Scegli il file…»: un percorso scritto qui non è accettato.'
              : 'Un percorso di file o cartella scritto qui non è accettato: PiC Studio legge solo i file scelti, e le cartelle si importano dalla riga di comando (pic import).'}
          </span>
        </Field>
      )}
    </section>
  );
}
