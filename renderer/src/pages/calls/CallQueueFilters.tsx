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
      <label className="filter">
        <span>Provenienza</span>
        <select
          className="input select"
          value={filter.source ?? ''}
          onChange={(e) => set({ source: (e.target.value || undefined) as CallFilter['source'] })}
          data-testid="calls-filter-source"
        >
          <option value="">Tutte</option>
          <option value="letter">Lettera</option>
          <option value="ats-list">Lista ATS</option>
        </select>
      </label>
      <label className="filter">
        <span>Livello</span>
        <select
          className="input select"
          value={filter.level ?? ''}
          onChange={(e) => set({ level: e.target.value === '' ? undefined : e.target.value === 'none' ? 'none' : (Number(e.target.value) as ChronicLevel) })}
          data-testid="calls-filter-level"
        >
          <option value="">Tutti</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              Livello {l}
            </option>
          ))}
          <option value="none">Nessuno</option>
        </select>
      </label>
      <label className="filter">
        <span>Lettera</span>
        <select
          className="input select"
          value={filter.letterType ?? ''}
          onChange={(e) => set({ letterType: e.target.value === '' ? undefined : (Number(e.target.value) as LetterType) })}
          data-testid="calls-filter-letter"
        >
          <option value="">Tutte</option>
          {LETTER_TYPES.map((t) => (
            <option key={t} value={t}>
              Tipo {t}
            </option>
          ))}
        </select>
      </label>
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
