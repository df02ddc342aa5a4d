import { useEffect, useRef, useState } from 'react';
import { useCall } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { suggestedTemplates } from '../../pai';
import { useMutation } from '../../useMutation';

/** "Nuovo PAI": the 11 templates as checkboxes, those of the patient's pathologies checked. */
export function NewPaiForm({ patientId, patientCodes, onCreated }: { patientId: number; patientCodes: number[]; onCreated: () => void }) {
  const templates = useCall('pai.templates', {});
  const create = useMutation('pai.create');
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const list = templates.value?.templates ?? [];
  const checked = chosen ?? new Set(suggestedTemplates(list, patientCodes));
  useEffect(() => {
    if (list.length > 0) first.current?.focus();
  }, [list.length]);
  const toggle = (id: string) => {
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const submit = async () => {
    const v = await create.run({ patientId, templates: list.filter((t) => checked.has(t.id)).map((t) => t.id) });
    if (v) onCreated();
  };
  return (
    <form
      className="pai-new"
      data-testid="pai-new"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {templates.error && <ErrorMessage error={templates.error} onRetry={templates.reload} />}
      <fieldset className="pai-templates">
        <legend>Modelli da cui partire (spuntati quelli delle patologie del paziente)</legend>
        {list.map((t, i) => (
          <label key={t.id} className="checkbox" title={t.items.map((x) => `${x.code} ${x.description} (${x.cadence})`).join('\n')}>
            <input ref={i === 0 ? first : undefined} type="checkbox" checked={checked.has(t.id)} onChange={() => toggle(t.id)} data-testid={`pai-template-${t.id}`} />
            <span>
              {t.name} <span className="muted">({t.items.length} prestazioni)</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={create.busy} data-testid="pai-create">
          {create.busy ? 'Preparazione…' : checked.size === 0 ? 'Nuovo PAI vuoto' : `Nuovo PAI da ${checked.size} ${checked.size === 1 ? 'modello' : 'modelli'}`}
        </button>
      </div>
      {create.error && <ErrorMessage error={create.error} reveal />}
    </form>
  );
}
