import { useRef, useState, type KeyboardEvent } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { AdherenceTab } from './AdherenceTab';
import { BookingsTab } from './BookingsTab';
import { DueTab } from './DueTab';
import { RemindersTab } from './RemindersTab';

const TABS = [
  { id: 'due', label: 'Da prenotare' },
  { id: 'bookings', label: 'Prenotazioni' },
  { id: 'reminders', label: 'Promemoria' },
  { id: 'adherence', label: 'Aderenza' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** Prenotazioni: the PAI's due prestazioni, their bookings, the reminders and the adherence, as four tabs (arrows move). */
export function BookingsPage() {
  const [tab, setTab] = useState<TabId>('due');
  // A booking just requested from the due list opens in the bookings tab.
  const [opened, setOpened] = useState<number | null>(null);
  const buttons = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = TABS[(i + step + TABS.length) % TABS.length]!.id;
    setTab(next);
    buttons.current[next]?.focus();
  };
  return (
    <section className="page page-wide" data-testid="page-prenotazioni">
      <PageHeading focusOnMount>Prenotazioni</PageHeading>
      <div className="tabs" role="tablist" aria-label="Sezioni delle prenotazioni" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              buttons.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`bookings-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`bookings-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={tab === t.id ? 'tab tab-active' : 'tab'}
            onClick={() => setTab(t.id)}
            data-testid={`bookings-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`bookings-panel-${tab}`} aria-labelledby={`bookings-tab-${tab}`} data-testid={`bookings-panel-${tab}`}>
        {tab === 'due' && (
          <DueTab
            onRequested={(id) => {
              setOpened(id);
              setTab('bookings');
            }}
          />
        )}
        {tab === 'bookings' && <BookingsTab opened={opened} onOpen={setOpened} />}
        {tab === 'reminders' && <RemindersTab onOpen={(id) => {
          setOpened(id);
          setTab('bookings');
        }} />}
        {tab === 'adherence' && <AdherenceTab />}
      </div>
    </section>
  );
}
