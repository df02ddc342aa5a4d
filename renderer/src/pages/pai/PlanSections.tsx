import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { z } from 'zod';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { pathologyName } from '../../../../shared/domain/pathology';
import {
  ChronicDrug,
  LIFESTYLE_AREA_LABEL,
  LifestyleArea,
  LifestyleGoal,
  PATHOLOGY_ROLE_LABEL,
  PathologyRole,
  SEVERITY_LABEL,
  Severity,
  Vaccination,
  type PaiPathology,
} from '../../../../shared/domain/pai/model';
import { useCall } from '../../api';
import { Card } from '../../components/Card';
import { parseDateInput } from '../../dateInput';
import { firstIssue, removeAt, replaceAt } from '../../pai';
import { useToday } from '../../today';

/** The draft's other sections: pathologies, drugs, lifestyle goals, vaccinations. */

export function PathologiesEditor({ pathologies, onChange }: { pathologies: PaiPathology[]; onChange: (p: PaiPathology[]) => void }) {
  const choices = useCall('pathologies.choices', {});
  const [adding, setAdding] = useState('');
  const present = new Set(pathologies.map((p) => p.code));
  const set = (i: number, changes: Partial<PaiPathology>) => onChange(replaceAt(pathologies, i, { ...pathologies[i]!, ...changes }));
  return (
    <Card title="Patologie" testId="pai-pathologies">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Patologia</th>
            <th scope="col">Ruolo</th>
            <th scope="col">Gravità</th>
            <th scope="col">
              <span className="visually-hidden">Azioni</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pathologies.map((p, i) => {
            const name = pathologyName(p.code) ?? String(p.code);
            return (
              <tr key={p.code} data-testid="pai-pathology-row" data-code={p.code}>
                <td className="strong">{name}</td>
                <td>
                  <select className="select select-auto" aria-label={`Ruolo di ${name}`} value={p.role} onChange={(e) => set(i, { role: PathologyRole.parse(Number(e.target.value)) })} data-testid={`pai-pathology-${p.code}-role`}>
                    {PathologyRole.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {PATHOLOGY_ROLE_LABEL[o.value]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select className="select select-auto" aria-label={`Gravità di ${name}`} value={p.severity} onChange={(e) => set(i, { severity: Severity.parse(Number(e.target.value)) })} data-testid={`pai-pathology-${p.code}-severity`}>
                    {Severity.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {SEVERITY_LABEL[o.value]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" className="button button-small" onClick={() => onChange(removeAt(pathologies, i))} aria-label={`Togli ${name}`}>
                    Togli
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="field field-inline">
        <label htmlFor="pai-pathology-add">Aggiungi una patologia</label>
        <select id="pai-pathology-add" className="select" value={adding} onChange={(e) => setAdding(e.target.value)} data-testid="pai-pathology-add">
          <option value="">Scegliere…</option>
          {(choices.value?.pathologies ?? [])
            .filter((c) => !present.has(c.code))
            .map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
        </select>
        <button
          type="button"
          className="button"
          onClick={() => {
            if (adding === '') return;
            onChange([...pathologies, { code: Number(adding), role: pathologies.some((p) => p.role === 1) ? 2 : 1, severity: 2 }]);
            setAdding('');
          }}
          data-testid="pai-pathology-add-button"
        >
          Aggiungi
        </button>
      </div>
    </Card>
  );
}

/**
 * A line added to a list: the form's values checked by the domain's schema, whose Italian message
 * is shown under the form; the first box takes the focus again for the next one.
 */
function AddForm<S extends z.ZodType>({ testId, schema, read, onAdd, children, firstRef }: { testId: string; schema: S; read: () => unknown; onAdd: (value: z.infer<S>) => void; children: ReactNode; firstRef: RefObject<HTMLElement | null> }) {
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = schema.safeParse(read());
    if (!parsed.success) return setError(firstIssue(parsed.error));
    setError(null);
    onAdd(parsed.data);
    firstRef.current?.focus();
  };
  return (
    <form className="pai-add-form" onSubmit={submit} data-testid={testId}>
      <div className="field field-inline">
        {children}
        <button type="submit" className="button" data-testid={`${testId}-submit`}>
          Aggiungi
        </button>
      </div>
      {error && (
        <span className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </form>
  );
}

export function DrugsEditor({ drugs, onChange }: { drugs: z.infer<typeof ChronicDrug>[]; onChange: (d: z.infer<typeof ChronicDrug>[]) => void }) {
  const [atc, setAtc] = useState('');
  const [name, setName] = useState('');
  const [dosage, setDosage] = useState('');
  const first = useRef<HTMLInputElement>(null);
  return (
    <Card title="Farmaci cronici" testId="pai-drugs">
      <ul className="plain-list">
        {drugs.map((d, i) => (
          <li key={`${d.atc}-${i}`} data-testid="pai-drug-row">
            <span className="mono">{d.atc}</span> {d.name}
            {d.dosage && `, ${d.dosage}`}{' '}
            <button type="button" className="button button-small" onClick={() => onChange(removeAt(drugs, i))} aria-label={`Togli ${d.name}`}>
              Togli
            </button>
          </li>
        ))}
      </ul>
      <AddForm
        testId="pai-drug-add"
        schema={ChronicDrug}
        firstRef={first}
        read={() => ({ atc, name, dosage: dosage.trim() || null })}
        onAdd={(d) => {
          onChange([...drugs, d]);
          setAtc('');
          setName('');
          setDosage('');
        }}
      >
        <label htmlFor="pai-drug-atc">ATC</label>
        <input ref={first} id="pai-drug-atc" className="input input-cf" value={atc} onChange={(e) => setAtc(e.target.value)} placeholder="C09AA05" data-testid="pai-drug-atc" />
        <label htmlFor="pai-drug-name">Farmaco</label>
        <input id="pai-drug-name" className="input" value={name} onChange={(e) => setName(e.target.value)} data-testid="pai-drug-name" />
        <label htmlFor="pai-drug-dosage">Posologia</label>
        <input id="pai-drug-dosage" className="input" value={dosage} onChange={(e) => setDosage(e.target.value)} data-testid="pai-drug-dosage" />
      </AddForm>
    </Card>
  );
}

export function LifestyleEditor({ goals, onChange }: { goals: z.infer<typeof LifestyleGoal>[]; onChange: (g: z.infer<typeof LifestyleGoal>[]) => void }) {
  const [area, setArea] = useState<LifestyleArea>('attivita_fisica');
  const [goal, setGoal] = useState('');
  const first = useRef<HTMLSelectElement>(null);
  return (
    <Card title="Obiettivi sullo stile di vita" testId="pai-lifestyle">
      <ul className="plain-list">
        {goals.map((g, i) => (
          <li key={`${g.area}-${i}`} data-testid="pai-lifestyle-row">
            <span className="strong">{LIFESTYLE_AREA_LABEL[g.area]}</span>: {g.goal}{' '}
            <button type="button" className="button button-small" onClick={() => onChange(removeAt(goals, i))} aria-label={`Togli l'obiettivo ${g.goal}`}>
              Togli
            </button>
          </li>
        ))}
      </ul>
      <AddForm
        testId="pai-lifestyle-add"
        schema={LifestyleGoal}
        firstRef={first}
        read={() => ({ area, goal })}
        onAdd={(g) => {
          onChange([...goals, g]);
          setGoal('');
        }}
      >
        <label htmlFor="pai-lifestyle-area">Area</label>
        <select ref={first} id="pai-lifestyle-area" className="select select-auto" value={area} onChange={(e) => setArea(LifestyleArea.parse(e.target.value))} data-testid="pai-lifestyle-area">
          {LifestyleArea.options.map((a) => (
            <option key={a} value={a}>
              {LIFESTYLE_AREA_LABEL[a]}
            </option>
          ))}
        </select>
        <label htmlFor="pai-lifestyle-goal">Obiettivo</label>
        <input id="pai-lifestyle-goal" className="input pai-goal" value={goal} onChange={(e) => setGoal(e.target.value)} placeholder="es. camminare 30 minuti al giorno" data-testid="pai-lifestyle-goal" />
      </AddForm>
    </Card>
  );
}

export function VaccinationsEditor({ vaccinations, onChange }: { vaccinations: z.infer<typeof Vaccination>[]; onChange: (v: z.infer<typeof Vaccination>[]) => void }) {
  const today = useToday();
  const [vaccine, setVaccine] = useState('');
  const [due, setDue] = useState('');
  const [done, setDone] = useState('');
  const first = useRef<HTMLInputElement>(null);
  // A date the field cannot read goes to the schema as typed, whose Italian message then names it.
  const dateOf = (text: string) => {
    if (text.trim() === '') return null;
    const d = parseDateInput(text, { today, twoDigitYear: 'recent' });
    return d.ok ? d.iso : text;
  };
  return (
    <Card title="Vaccinazioni" testId="pai-vaccinations">
      <ul className="plain-list">
        {vaccinations.map((v, i) => (
          <li key={`${v.vaccine}-${i}`} data-testid="pai-vaccination-row">
            {v.vaccine}
            {v.dueOn && `, entro il ${formatItalianDate(v.dueOn)}`}
            {v.doneOn && `, fatta il ${formatItalianDate(v.doneOn)}`}{' '}
            <button type="button" className="button button-small" onClick={() => onChange(removeAt(vaccinations, i))} aria-label={`Togli ${v.vaccine}`}>
              Togli
            </button>
          </li>
        ))}
      </ul>
      <AddForm
        testId="pai-vaccination-add"
        schema={Vaccination}
        firstRef={first}
        read={() => ({ vaccine, dueOn: dateOf(due), doneOn: dateOf(done) })}
        onAdd={(v) => {
          onChange([...vaccinations, v]);
          setVaccine('');
          setDue('');
          setDone('');
        }}
      >
        <label htmlFor="pai-vaccination-name">Vaccino</label>
        <input ref={first} id="pai-vaccination-name" className="input" value={vaccine} onChange={(e) => setVaccine(e.target.value)} placeholder="es. antinfluenzale" data-testid="pai-vaccination-name" />
        <label htmlFor="pai-vaccination-due">Entro il</label>
        <input id="pai-vaccination-due" className="input input-date" inputMode="numeric" placeholder="gg/mm/aaaa" value={due} onChange={(e) => setDue(e.target.value)} data-testid="pai-vaccination-due" />
        <label htmlFor="pai-vaccination-done">Fatta il</label>
        <input id="pai-vaccination-done" className="input input-date" inputMode="numeric" placeholder="gg/mm/aaaa" value={done} onChange={(e) => setDone(e.target.value)} data-testid="pai-vaccination-done" />
      </AddForm>
    </Card>
  );
}
