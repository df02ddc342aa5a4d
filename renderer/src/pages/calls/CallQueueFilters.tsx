import { useEffect, useState } from 'react';
import type { CallFilter } from '../../../../shared/contract/calls';
import type { ChronicLevel } from '../../../../shared/domain/chronicLevel';
import type { LetterType } from '../../../../shared/domain/letter';
import { SEARCH_MIN_LENGTH } from '../../../../shared/domain/patientSearch';
import { SEARCH_DEBOUNCE_MS } from '../../searchInput';
import { LETTER_TYPES } from '../../walkin';

interface Props {
  filter: CallFilter;
  onChange: (filter: CallFilter) => void;
}

const LEVELS: ChronicLevel[] = [1, 2, 3];

/** The queue's filters: who to call today, with a phone, where from, level, letter type, a name. */
export function CallQueueFilters({ filter, onChange }: Props) {
  const [text, setText] = useState(filter.text ?? '');
  const set = (change: Partial<CallFilter>) => onChange({ ...filter, ...change });

  // The name is applied once the typing stops, and only when it can be searched (2 letters).
  useEffect(() => {
    const timer = setTimeout(() => {
      const sent = text.trim().length >= SEARCH_MIN_LENGTH ? text.trim() : undefined;
      if (sent !== filter.text) onChange({ ...filter, text: sent });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, filter, onChange]);

  return (
    <fieldset className="filters" data-testid="calls-filters">
      <legend className="visually-hidden">Filtri dell&apos;elenco</legend>
      <label className="filter-check">
        <input type="checkbox" checked={filter.dueToday} onChange={(e) => set({ dueToday: e.target.checked })} data-testid="calls-filter-today" />
        Da chiamare oggi
      </label>
      <label className="filter-check">
        <input type="checkbox" checked={filter.withPhone} onChange={(e) => set({ withPhone: e.target.checked })} data-testid="calls-filter-phone" />
        Con un numero
      </label>
      <FilterSelect
        label="Provenienza"
        testId="calls-filter-source"
        value={filter.source ?? ''}
        options={[
          ['', 'Tutte'],
          ['letter', 'Lettera'],
          ['ats-list', 'Lista ATS'],
        ]}
        onChange={(v) => set({ source: (v || undefined) as CallFilter['source'] })}
      />
      <FilterSelect
        label="Livello"
        testId="calls-filter-level"
        value={String(filter.level ?? '')}
        options={[['', 'Tutti'], ...LEVELS.map((l): [string, string] => [String(l), `Livello ${l}`]), ['none', 'Nessuno']]}
        onChange={(v) => set({ level: v === '' ? undefined : v === 'none' ? 'none' : (Number(v) as ChronicLevel) })}
      />
      <FilterSelect
        label="Lettera"
        testId="calls-filter-letter"
        value={String(filter.letterType ?? '')}
        options={[['', 'Tutte'], ...LETTER_TYPES.map((t): [string, string] => [String(t), `Tipo ${t}`])]}
        onChange={(v) => set({ letterType: v === '' ? undefined : (Number(v) as LetterType) })}
      />
      <label className="filter filter-grow">
        <span>Cerca</span>
        <input
          className="input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder="Cognome, nome o codice fiscale"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="calls-filter-text"
        />
      </label>
    </fieldset>
  );
}

/** One labelled drop-down of the filters; options as [value, text], "" for "any". */
function FilterSelect({ label, testId, value, options, onChange }: { label: string; testId: string; value: string; options: [string, string][]; onChange: (value: string) => void }) {
  return (
    <label className="filter">
      <span>{label}</span>
      <select className="input select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
