import { FieldError, TextField } from '../../components/Field';
import type { DbForm, SourceField } from '../../importing';

export const DB_FIELDS: { key: keyof DbForm; id: string; label: string; hint: string; placeholder?: string; type?: string }[] = [
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

/** The Millewin connection: server, port, database, user, password (never saved), the doctor's userid. */
export function DatabaseFields({
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

/** The id of the input holding a field, to focus it. */
export function fieldInputId(field: SourceField): string {
  if (field === 'mapping') return 'import-map-codiceFiscale';
  if (field === 'json') return 'import-options-json';
  if (field === 'file') return 'import-choose-file';
  return DB_FIELDS.find((f) => `db.${f.key}` === field)?.id ?? 'import-choose-file';
}
