// First: configures zod before any shared/ module builds its schemas (see shared/zodSetup.ts).
import '../../shared/zodSetup';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api';
import { App } from './App';
import { setupBridge } from './bridge';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorMessage } from './components/ErrorMessage';
import { MissingToken } from './components/MissingToken';
import { TodayProvider } from './today';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

const setup = setupBridge();

createRoot(container).render(
  <StrictMode>
    <ErrorBoundary>
      {setup.kind === 'ready' ? (
        <ApiProvider bridge={setup.bridge} files={setup.files}>
          <TodayProvider
            waiting={(error, retry) => (
              <div className="fullpage" data-testid="app-loading">
                {error ? <ErrorMessage error={error} onRetry={retry} /> : <p className="hint">PiC Studio: avvio…</p>}
              </div>
            )}
          >
            <App />
          </TodayProvider>
        </ApiProvider>
      ) : (
        <MissingToken />
      )}
    </ErrorBoundary>
  </StrictMode>,
);
