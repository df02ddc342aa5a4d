// First: configures zod before any shared/ module builds its schemas (see shared/zodSetup.ts).
import '../../shared/zodSetup';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api';
import { App } from './App';
import { setupBridge } from './bridge';
import { ErrorBoundary } from './components/ErrorBoundary';
import { MissingToken } from './components/MissingToken';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

const setup = setupBridge();

createRoot(container).render(
  <StrictMode>
    <ErrorBoundary>
      {setup.kind === 'ready' ? (
        <ApiProvider bridge={setup.bridge}>
          <App />
        </ApiProvider>
      ) : (
        <MissingToken />
      )}
    </ErrorBoundary>
  </StrictMode>,
);
