import type { SessionOperator } from '../../../shared/contract/cards';
import { OPERATOR_ROLE_LABEL } from '../../../shared/domain/operator';
import { PAGES, pageAllowed, pageHref, type PageId } from '../router';

interface Props {
  active: PageId | null;
  version: string | null;
  operator: SessionOperator;
  onLogout: () => void;
  logoutBusy: boolean;
}

/** Left navigation: the pages of the operator's role as plain links (Tab / Enter), the current one marked with aria-current; who is logged in, and "Esci". */
export function NavBar({ active, version, operator, onLogout, logoutBusy }: Props) {
  return (
    <nav className="nav" aria-label="Sezioni di PiC Studio">
      <div className="nav-brand">
        <span className="nav-brand-name">PiC Studio</span>
        <span className="nav-brand-sub">Presa in Carico dei pazienti cronici</span>
      </div>
      <div className="nav-session" data-testid="nav-operator">
        <span className="nav-session-who">
          <span className="nav-session-label">Operatore</span>
          <span className="nav-session-name">{operator.name}</span>
          {operator.role && <span className="nav-session-role">{OPERATOR_ROLE_LABEL[operator.role]}</span>}
        </span>
        <button type="button" className="button nav-logout" onClick={onLogout} aria-disabled={logoutBusy} data-testid="logout-button">
          Esci
        </button>
      </div>
      <ul className="nav-list">
        {PAGES.filter((page) => pageAllowed(page, operator.role)).map((page) => (
          <li key={page.id}>
            <a
              href={pageHref(page.id)}
              className={page.id === active ? 'nav-link nav-link-active' : 'nav-link'}
              aria-current={page.id === active ? 'page' : undefined}
              data-testid={`nav-${page.id}`}
            >
              <span>{page.label}</span>
            </a>
          </li>
        ))}
      </ul>
      {version && <div className="nav-version">Versione {version}</div>}
    </nav>
  );
}
