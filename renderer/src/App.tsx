import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../shared/api';
import { useCall, useEvent, type CallState } from './api';
import { ErrorBoundary } from './components/ErrorBoundary';
import { NavBar } from './components/NavBar';
import { StatusBar } from './components/StatusBar';
import { NotFoundPage } from './pages/NotFoundPage';
import { PatientDetailPage } from './pages/PatientDetailPage';
import { PatientsPage } from './pages/PatientsPage';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { SettingsPage } from './pages/SettingsPage';
import { activePage, documentTitle, pageDef, type Route } from './router';
import { useRoute } from './useRoute';

export function App() {
  const route = useRoute();
  const info = useCall('app.info', {});
  const [patientCount, setPatientCount] = useState<number | null>(null);
  const [patientQuery, setPatientQuery] = useState('');
  const [lastPatientId, setLastPatientId] = useState<number | null>(null);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (info.value) setPatientCount(info.value.patientCount);
  }, [info.value]);

  useEvent('patients.changed', ({ count }) => {
    setPatientCount(count);
    info.reload();
  });

  // route is a new object at each render; its key says when it really changed.
  const routeKey = route.kind === 'patient' ? `patient-${route.patientId}` : route.kind === 'page' ? route.page : `not-found ${route.path}`;
  const openPatientId = route.kind === 'patient' ? route.patientId : null;
  const title = documentTitle(route);

  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => {
    if (openPatientId !== null) setLastPatientId(openPatientId);
  }, [openPatientId]);

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Vai al contenuto
      </button>
      <NavBar active={activePage(route)} version={info.value?.version ?? null} />
      <main className="main" ref={mainRef} tabIndex={-1}>
        <ErrorBoundary compact key={routeKey}>
          {renderPage(route, {
            patientQuery,
            setPatientQuery,
            lastPatientId,
            info,
          })}
        </ErrorBoundary>
      </main>
      <StatusBar patientCount={patientCount} />
    </div>
  );
}

interface PageContext {
  patientQuery: string;
  setPatientQuery: (text: string) => void;
  lastPatientId: number | null;
  info: CallState<AppInfo>;
}

function renderPage(route: Route, ctx: PageContext) {
  if (route.kind === 'not-found') return <NotFoundPage path={route.path} />;
  if (route.kind === 'patient') return <PatientDetailPage id={route.patientId} />;
  switch (route.page) {
    case 'pazienti':
      return <PatientsPage query={ctx.patientQuery} onQueryChange={ctx.setPatientQuery} lastOpenedId={ctx.lastPatientId} />;
    case 'impostazioni':
      return <SettingsPage info={ctx.info.value} infoError={ctx.info.error} onRetryInfo={ctx.info.reload} />;
    default:
      return <PlaceholderPage page={pageDef(route.page)} />;
  }
}
