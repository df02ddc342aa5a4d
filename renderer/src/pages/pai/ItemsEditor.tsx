import { useEffect, useRef, useState, type RefObject } from 'react';
import { PRIORITY_LABEL, PriorityClass } from '../../../../shared/domain/booking/model';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { PeriodUnit } from '../../../../shared/domain/pai/cadence';
import type { Pai, PaiItem } from '../../../../shared/domain/pai/model';
import { useCall } from '../../api';
import { Card } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { parseDateInput } from '../../dateInput';
import { newItem, PERIOD_UNIT_LABEL, removeAt, replaceAt, wholeNumber } from '../../pai';
import { useToday } from '../../today';

/** The prestazioni of the draft: one row each, cadence and start editable; more added from the catalogue. */
export function ItemsEditor({ pai, unknownCodes, onChange, onUnknownCode }: { pai: Pai; unknownCodes: ReadonlySet<string>; onChange: (items: PaiItem[]) => void; onUnknownCode: (code: string) => void }) {
  const add = (item: PaiItem, unknown: boolean) => {
    if (unknown) onUnknownCode(item.code);
    onChange([...pai.items, item]);
  };
  return (
    <Card title={`Prestazioni programmate (${pai.items.length})`} testId="pai-items">
      <div className="table-scroll">
        <table className="table pai-items-table">
          <thead>
            <tr>
              <th scope="col">Codice</th>
              <th scope="col">Prestazione</th>
              <th scope="col">Volte</th>
              <th scope="col">Ogni</th>
              <th scope="col">Unità</th>
              <th scope="col">Priorità</th>
              <th scope="col">Dal</th>
              <th scope="col">
                <span className="visually-hidden">Azioni</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pai.items.map((item, i) => (
              <ItemRow
                key={`${item.code}-${i}`}
                index={i}
                item={item}
                flagged={unknownCodes.has(item.code)}
                onChange={(next) => onChange(replaceAt(pai.items, i, next))}
                onRemove={() => onChange(removeAt(pai.items, i))}
              />
            ))}
          </tbody>
        </table>
      </div>
      <CatalogueAdd start={pai.validFrom} onAdd={add} />
    </Card>
  );
}

function ItemRow({ index, item, flagged, onChange, onRemove }: { index: number; item: PaiItem; flagged: boolean; onChange: (item: PaiItem) => void; onRemove: () => void }) {
  const today = useToday();
  const [startText, setStartText] = useState(formatItalianDate(item.timing.bounds.start));
  const [startError, setStartError] = useState<string | null>(null);
  const id = `pai-item-${index}`;
  const timing = (changes: Partial<PaiItem['timing']>) => onChange({ ...item, timing: { ...item.timing, ...changes } });
  const commitStart = () => {
    const d = parseDateInput(startText, { today, twoDigitYear: 'recent' });
    setStartError(d.ok ? null : d.message);
    if (d.ok && d.iso !== item.timing.bounds.start) timing({ bounds: { ...item.timing.bounds, start: d.iso } });
  };
  return (
    <tr data-testid="pai-item-row" data-code={item.code} data-flagged={flagged ? 'true' : 'false'}>
      <td className="mono nowrap">
        {item.code}
        {flagged && (
          <span className="tag tag-todo" title="Codice fuori dal catalogo nazionale">
            fuori catalogo
          </span>
        )}
      </td>
      <td>
        <input className="input" aria-label={`Descrizione di ${item.code}`} value={item.description} onChange={(e) => onChange({ ...item, description: e.target.value })} data-testid={`${id}-description`} />
      </td>
      <td>
        <input className="input input-number" inputMode="numeric" aria-label={`Volte per periodo di ${item.code}`} value={String(item.timing.frequency)} onChange={(e) => timing({ frequency: wholeNumber(e.target.value) })} data-testid={`${id}-frequency`} />
      </td>
      <td>
        <input className="input input-number" inputMode="numeric" aria-label={`Ogni quanto, ${item.code}`} value={String(item.timing.period)} onChange={(e) => timing({ period: wholeNumber(e.target.value) })} data-testid={`${id}-period`} />
      </td>
      <td>
        <select className="select select-auto" aria-label={`Unità della cadenza di ${item.code}`} value={item.timing.periodUnit} onChange={(e) => timing({ periodUnit: PeriodUnit.parse(e.target.value) })} data-testid={`${id}-unit`}>
          {PeriodUnit.options.map((u) => (
            <option key={u} value={u}>
              {PERIOD_UNIT_LABEL[u]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select className="select select-auto" aria-label={`Priorità di ${item.code}`} value={item.priority ?? ''} onChange={(e) => onChange({ ...item, priority: e.target.value === '' ? null : PriorityClass.parse(e.target.value) })} data-testid={`${id}-priority`}>
          <option value="">Controllo</option>
          {PriorityClass.options.map((p) => (
            <option key={p} value={p} title={PRIORITY_LABEL[p]}>
              {p}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          className="input input-date"
          inputMode="numeric"
          aria-label={`Prima data di ${item.code}`}
          aria-invalid={startError ? true : undefined}
          title={startError ?? undefined}
          value={startText}
          onChange={(e) => setStartText(e.target.value)}
          onBlur={commitStart}
          data-testid={`${id}-start`}
        />
        {startError && <span className="field-error">{startError}</span>}
      </td>
      <td>
        <button type="button" className="button button-small" onClick={onRemove} aria-label={`Togli ${item.code}`} data-testid={`${id}-remove`}>
          Togli
        </button>
      </td>
    </tr>
  );
}

type Entry = { code: string; description: string };

/** "90.27.1", "89.52": what is typed looks like a code, so it may be added though the catalogue lacks it. */
const looksLikeCode = (text: string) => /^[0-9A-Za-z.]+$/.test(text) && /\d/.test(text);

/** Adds a prestazione by code or words: Enter takes the first match; a code the catalogue lacks is added flagged. */
function CatalogueAdd({ start, onAdd }: { start: string; onAdd: (item: PaiItem, unknown: boolean) => void }) {
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // What the results below show now, for Enter typed in the box.
  const shown = useRef<{ entries: Entry[]; loading: boolean }>({ entries: [], loading: true });
  const text = query.trim();
  const pick = (entry: Entry, unknown: boolean) => {
    onAdd(newItem(entry, start), unknown);
    setQuery('');
    input.current?.focus();
  };
  return (
    <div className="pai-catalogue">
      <label htmlFor="pai-catalogue-search">Aggiungi una prestazione (codice o descrizione)</label>
      <input
        ref={input}
        id="pai-catalogue-search"
        className="input"
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || text.length < 2) return;
          e.preventDefault();
          const first = shown.current.entries[0];
          if (first) pick(first, false);
          else if (!shown.current.loading && looksLikeCode(text)) pick({ code: text, description: text }, true);
        }}
        placeholder="es. 90.27.1 o emoglobina"
        aria-describedby="pai-catalogue-hint"
        data-testid="pai-catalogue-search"
      />
      <p className="hint" id="pai-catalogue-hint">
        Almeno due caratteri; Invio aggiunge la prima voce trovata.
      </p>
      {text.length >= 2 && <CatalogueResults query={text} shown={shown} onPick={pick} />}
    </div>
  );
}

function CatalogueResults({ query, shown, onPick }: { query: string; shown: RefObject<{ entries: Entry[]; loading: boolean }>; onPick: (entry: Entry, unknown: boolean) => void }) {
  const found = useCall('pai.catalogue', { query });
  const entries = (found.value?.entries ?? []).slice(0, 8);
  useEffect(() => {
    shown.current = { entries, loading: found.loading };
  });
  const exact = entries.some((e) => e.code.toUpperCase() === query.toUpperCase());
  return (
    <>
      {found.error && <ErrorMessage error={found.error} live="polite" />}
      <ul className="plain-list pai-catalogue-results" data-testid="pai-catalogue-results">
        {entries.map((e) => (
          <li key={e.code}>
            <button type="button" className="button-link" onClick={() => onPick(e, false)} data-testid="pai-catalogue-entry" data-code={e.code}>
              <span className="mono">{e.code}</span> {e.description}
            </button>
          </li>
        ))}
        {!found.loading && entries.length === 0 && <li className="muted">Nessuna voce del catalogo trovata.</li>}
        {looksLikeCode(query) && !exact && !found.loading && (
          <li>
            <button type="button" className="button button-small" onClick={() => onPick({ code: query, description: query }, true)} data-testid="pai-catalogue-unknown">
              Aggiungi il codice {query.toUpperCase()} fuori catalogo
            </button>
          </li>
        )}
      </ul>
    </>
  );
}
