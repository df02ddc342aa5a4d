import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../shared/api';
import type { AppInfo } from '../../shared/contract/app';
import type { CardsState, SessionOperator } from '../../shared/contract/cards';
import type { OperatorRole } from '../../shared/domain/operator';
import { useCall, useEvent, type CallState } from './api';
import { LOCK_MESSAGES, lockReason, newPatientCards, readerLabels, type PatientCardInReader } from './cards';
import { restoredMessage } from './restore';
import { CardsProvider, useCardsFeed } from './cardsFeed';
import { CardPatientDialog } from './components/CardPatientDialog';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorMessage } from './components/ErrorMessage';
import { ClaimAdministrator } from './components/ClaimAdministrator';
import { LockScreen } from './components/LockScreen';
import { NavBar } from './components/NavBar';
import { StatusBar } from './components/StatusBar';
import { NotFoundPage } from './pages/NotFoundPage';
import { PatientDetailPage } from './pages/patient/PatientDetailPage';
import { CallsPage } from './pages/calls/CallsPage';
import { EnrollmentPage } from './pages/enrollment/EnrollmentPage';
import { ImportDraftProvider } from './pages/import/importDraft';
import { ImportPage } from './pages/import/ImportPage';
import { PatientsPage } from './pages/PatientsPage';
import { PaiPage } from './pages/pai/PaiPage';
import { BookingsPage } from './pages/bookings/BookingsPage';
import { RoleRestrictedPage } from './pages/RoleRestrictedPage';
import { AgendaPage } from './pages/AgendaPage';
import { TodayPage } from './pages/TodayPage';
import { SettingsPage } from './pages/SettingsPage';
import { SyncPage } from './pages/sync/SyncPage';
import { WalkInPage } from './pages/WalkInPage';
import { activePage, cardPatientHref, documentTitle, pageAllowed, pageDef, routeKey as keyOf, type Route } from './router';
import { navigate, useRoute } from './useRoute';
import { useMutation } from './useMutation';

/** Whether the card the dialog is about is still in its reader, read. */
function stillInserted(state: CardsState, shown: PatientCardInReader): boolean {
  const card = state.readers.find((r) => r.name === shown.reader)?.card;
  return card?.status === 'ready' && card.patient?.cardSerial === shown.card.cardSerial;
}

export function App() {
  const route = useRoute();
  const info = useCall('app.info', {});
  const [patientCount, setPatientCount] = useState<number | null>(null);
  const [patientQuery, setPatientQuery] = useState('');
  const [lastPatientId, setLastPatientId] = useState<number | null>(null);
  const [lockMessage, setLockMessage] = useState<string | null>(null);
  const [cardPatient, setCardPatient] = useState<PatientCardInReader | null>(null);
  const logoutAsked = useRef(false);
  // What the lock screen says after a restore, until the next login: the session's end must not hide it.
  const restoredNotice = useRef<string | null>(null);
  const logoutCall = useMutation('session.logout', {
    onError: () => {
      logoutAsked.current = false;
    },
  });
  // The pages stay mounted while the session is locked; another operator gets fresh ones (key).
  const [sessionOperator, setSessionOperator] = useState<SessionOperator | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  // Where a Tessera Sanitaria inserted now takes the user depends on the page open at that moment.
  const routeRef = useRef(route);
  useEffect(() => {
    routeRef.current = route;
  });

  const cards = useCardsFeed((prev, next) => {
    const reason = lockReason(prev, next, logoutAsked.current);
    if (reason) {
      logoutAsked.current = false;
      setLockMessage(restoredNotice.current ?? LOCK_MESSAGES[reason]);
      // An explicit logout leaves nothing behind for the next one at the desk.
      if (reason === 'logout') setSessionOperator(null);
    }
    if (next.operator) {
      restoredNotice.current = null;
      setLockMessage(null);
    }
    setCardPatient((shown) => (shown && next.operator && stillInserted(next, shown) ? shown : null));
    // A Tessera Sanitaria just inserted opens its patient (only for a logged-in operator): in
    // Accoglienza and Arruolamento it chooses the patient there, elsewhere it opens the sheet.
    if (!next.operator) return;
    const inserted = newPatientCards(prev, next)[0];
    if (!inserted) return;
    if (inserted.card.patientId !== null) {
      setCardPatient(null);
      navigate(cardPatientHref(routeRef.current, inserted.card.patientId));
    } else {
      setCardPatient(inserted);
    }
  });

  useEffect(() => {
    if (info.value) setPatientCount(info.value.patientCount);
  }, [info.value]);

  useEvent('patients.changed', ({ count }) => {
    setPatientCount(count);
    info.reload();
  });

  // The archive is the backup's now (the core ended the session): nothing on screen is of it, so
  // the pages go, and whoever logs in next gets them afresh.
  const reloadInfo = info.reload;
  const refreshCards = cards.refresh;
  const archiveRestored = useCallback(
    (restored: EventPayload<'backup.restored'>) => {
      restoredNotice.current = restoredMessage(restored);
      setLockMessage(restoredNotice.current);
      setSessionOperator(null);
      setCardPatient(null);
      setPatientQuery('');
      setLastPatientId(null);
      reloadInfo();
      refreshCards();
    },
    [reloadInfo, refreshCards],
  );
  // Every window hears it; the one that asked also acts on its answer, should the event be lost.
  useEvent('backup.restored', archiveRestored);

  // route is a new object at each render; its key says when it really changed.
  const routeKey = keyOf(route);
  const openPatientId = route.kind === 'patient' ? route.patientId : null;
  const operator = cards.state?.operator ?? null;
  if (operator && (operator.codiceFiscale !== sessionOperator?.codiceFiscale || operator.role !== sessionOperator.role)) setSessionOperator(operator);
  const demo = info.value?.mode === 'demo';
  const title = operator ? documentTitle(route) : 'Accesso - PiC Studio';

  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => {
    if (openPatientId !== null) setLastPatientId(openPatientId);
  }, [openPatientId]);

  const logout = async () => {
    if (logoutCall.busy) return;
    logoutAsked.current = true;
    await logoutCall.run({});
    cards.refresh();
  };

  const dialogReader =
    cardPatient && cards.state
      ? (readerLabels(cards.state.readers.map((r) => r.name))[cards.state.readers.findIndex((r) => r.name === cardPatient.reader)] ??
        cardPatient.reader)
      : '';

  return (
    <CardsProvider feed={cards}>
      {demo && <DemoBand />}
      {(cards.state === null && cards.error === null) || (info.value === null && info.error === null) ? (
        // First answer not here yet: neither the lock screen nor the pages, to avoid a flash of either.
        <div className="fullpage" data-testid="app-loading">
          <p className="hint">PiC Studio: avvio…</p>
        </div>
      ) : (
        <>
          {!operator && (
            <div className="app app-locked">
              <LockScreen cards={cards} message={lockMessage} onLoggedIn={() => cards.refresh()} demo={demo} />
              <StatusBar patientCount={patientCount} />
            </div>
          )}
          {operator && operator.role === null && <ClaimAdministrator operator={operator} onDone={() => cards.refresh()} onLogout={() => void logout()} />}
          {/* Kept under the lock screen, hidden and inert: the same operator back finds his half-typed form. */}
          {sessionOperator && sessionOperator.role !== null && (
            <div className="app" key={sessionOperator.codiceFiscale} hidden={!operator} inert={!operator} data-testid="app-session">
              <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
                Vai al contenuto
              </button>
              <NavBar
                active={activePage(route)}
                version={info.value?.version ?? null}
                operator={sessionOperator}
                onLogout={() => void logout()}
                logoutBusy={logoutCall.busy}
              />
              <main className="main" ref={mainRef} tabIndex={-1}>
                {logoutCall.error && <ErrorMessage error={logoutCall.error} />}
                <ImportDraftProvider>
                  <ErrorBoundary compact key={routeKey}>
                    {renderPage(route, {
                      role: sessionOperator.role,
                      patientQuery,
                      setPatientQuery,
                      lastPatientId,
                      info,
                      onArchiveRestored: archiveRestored,
                    })}
                  </ErrorBoundary>
                </ImportDraftProvider>
              </main>
              {operator && <StatusBar patientCount={patientCount} session />}
              {operator && cardPatient && (
                <CardPatientDialog
                  key={`${cardPatient.reader}\n${cardPatient.card.cardSerial}`}
                  card={cardPatient.card}
                  readerLabel={dialogReader}
                  onClose={() => setCardPatient(null)}
                  onCreated={(patient) => {
                    setCardPatient(null);
                    navigate(cardPatientHref(routeRef.current, patient.id));
                  }}
                />
              )}
            </div>
          )}
        </>
      )}
    </CardsProvider>
  );
}

/** Always on screen in demo mode: nobody should take fake patients for real ones, or the reverse. */
function DemoBand() {
  return (
    <div className="demo-band" role="note" data-testid="demo-band">
      <strong>DEMO</strong> Modalità dimostrativa: pazienti e carte fittizi, da non usare per pazienti reali.
    </div>
  );
}

interface PageContext {
  role: OperatorRole;
  patientQuery: string;
  setPatientQuery: (text: string) => void;
  lastPatientId: number | null;
  info: CallState<AppInfo>;
  onArchiveRestored: (restored: EventPayload<'backup.restored'>) => void;
}

function renderPage(route: Route, ctx: PageContext) {
  if (route.kind === 'not-found') return <NotFoundPage path={route.path} />;
  if (!pageAllowed(pageDef(route.page), ctx.role)) return <RoleRestrictedPage page={pageDef(route.page)} />;
  if (route.kind === 'patient') return <PatientDetailPage id={route.patientId} />;
  if (route.kind === 'walkin') return <WalkInPage patientId={route.patientId} />;
  if (route.kind === 'enroll') return <EnrollmentPage patientId={route.patientId} />;
  if (route.kind === 'pai') return <PaiPage patientId={route.patientId} />;
  switch (route.page) {
    case 'oggi':
      return <TodayPage />;
    case 'agenda':
      return <AgendaPage />;
    case 'accoglienza':
      return <WalkInPage patientId={null} />;
    case 'richiami':
      return <CallsPage />;
    case 'arruolamento':
      return <EnrollmentPage patientId={null} />;
    case 'pazienti':
      return <PatientsPage query={ctx.patientQuery} onQueryChange={ctx.setPatientQuery} lastOpenedId={ctx.lastPatientId} />;
    case 'pai':
      return <PaiPage patientId={null} />;
    case 'prenotazioni':
      return <BookingsPage />;
    case 'importazione':
      return <ImportPage />;
    case 'sincronizzazione':
      return <SyncPage role={ctx.role} />;
    case 'impostazioni':
      return <SettingsPage role={ctx.role} info={ctx.info.value} infoError={ctx.info.error} onRetryInfo={ctx.info.reload} onArchiveRestored={ctx.onArchiveRestored} />;
  }
}
