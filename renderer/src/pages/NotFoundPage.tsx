import { PageHeading } from '../components/PageHeading';
import { HOME_PAGE, pageHref } from '../router';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <section className="page" data-testid="page-not-found">
      <PageHeading focusOnMount>Pagina non trovata</PageHeading>
      <div className="notice notice-info">
        <p className="notice-text">
          L&apos;indirizzo <code>#{path}</code> non corrisponde a nessuna pagina di PiC Studio.
        </p>
        <p className="notice-text">
          <a href={pageHref(HOME_PAGE)}>Vai alla ricerca dei pazienti</a>
        </p>
      </div>
    </section>
  );
}
