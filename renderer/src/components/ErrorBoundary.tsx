import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** A page-level boundary keeps the navigation usable and resets when the page changes. */
  compact?: boolean;
}

interface State {
  error: Error | null;
}

/** Shows a calm Italian message and a reload button instead of a white page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('PiC: errore imprevisto nell\'interfaccia', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className={this.props.compact ? 'crash crash-compact' : 'crash'} role="alert" data-testid="unexpected-error">
        <div className="crash-box">
          <h1 className="crash-title">Si è verificato un errore imprevisto</h1>
          <p>
            I dati già salvati non sono stati toccati. Ricaricare la pagina per continuare; se il problema si ripete,
            comunicare all&apos;assistenza il testo qui sotto.
          </p>
          <p className="crash-detail">{error.message}</p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Ricarica la pagina
          </button>
        </div>
      </div>
    );
  }
}
