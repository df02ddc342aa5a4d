import { useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

/** A form field: its label, then the control and what follows it (message, hint) as children. */
export function Field({ id, label, className = 'field', children }: { id: string; label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** What to fix in a field, under it; `id` is for the field's aria-describedby. */
export function FieldError({ id, testId, children }: { id?: string; testId: string; children: ReactNode }) {
  return (
    <span className="field-error" id={id} data-testid={testId}>
      {children}
    </span>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'>;

interface TextFieldProps extends InputProps {
  /** The input's id, also its data-testid. */
  id: string;
  label: ReactNode;
  /** The class of the field around it ("field" when not given). */
  fieldClassName?: string;
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
  /** After the input: its message, hint, datalist. */
  children?: ReactNode;
}

/** A one-line text box with its label: type "text", no autocomplete and class "input" unless given. */
export function TextField({ id, label, fieldClassName, value, onChange, children, className = 'input', ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} className={fieldClassName}>
      <input id={id} className={className} type="text" autoComplete="off" {...input} value={value} onChange={(e) => onChange(e.target.value)} data-testid={id} />
      {children}
    </Field>
  );
}

/** A date typed as gg/mm/aaaa (two-digit years too; the page reads it with parseDateInput). */
export function DateField(props: Omit<TextFieldProps, 'className' | 'inputMode' | 'placeholder'>) {
  return <TextField className="input input-date" inputMode="numeric" placeholder="gg/mm/aaaa" {...props} />;
}

/**
 * The first field of a form to fix, as the form's check found it: the field is marked invalid
 * and described by its message (id `<prefix>-<field>-error`, data-testid `<prefix>-field-error`).
 */
export function useFieldError<F extends string>(prefix: string) {
  const [fieldError, setFieldError] = useState<{ field: F; message: string } | null>(null);
  const errorId = (field: F) => `${prefix}-${field}-error`;
  const invalid = (field: F) => fieldError?.field === field;
  return {
    fieldError,
    setFieldError,
    invalid,
    /** The field's hint (if any) and its message when it has one. */
    describedBy: (field: F, hint?: string) => [hint, invalid(field) ? errorId(field) : undefined].filter(Boolean).join(' ') || undefined,
    message: (field: F) =>
      fieldError?.field === field ? (
        <FieldError id={errorId(field)} testId={`${prefix}-field-error`}>
          {fieldError.message}
        </FieldError>
      ) : null,
  };
}
