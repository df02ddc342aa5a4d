import { PAGES, pageHref, type PageId } from '../router';

/** Left navigation: plain links (Tab / Enter), the current page marked with aria-current. */
export function NavBar({ active, version }: { active: PageId | null; version: string | null }) {
  return (
    <nav className="nav" aria-label="Sezioni di PiC Studio">
      <div className="nav-brand">
        <span className="nav-brand-name">PiC Studio</span>
        <span className="nav-brand-sub">Presa in Carico dei pazienti cronici</span>
      </div>
      <ul className="nav-list">
        {PAGES.map((page) => (
          <li key={page.id}>
            <a
              href={pageHref(page.id)}
              className={page.id === active ? 'nav-link nav-link-active' : 'nav-link'}
              aria-current={page.id === active ? 'page' : undefined}
              data-testid={`nav-${page.id}`}
            >
              <span>{page.label}</span>
              {!page.available && <span className="nav-soon">in preparazione</span>}
            </a>
          </li>
        ))}
      </ul>
      {version && <div className="nav-version">Versione {version}</div>}
    </nav>
  );
}
