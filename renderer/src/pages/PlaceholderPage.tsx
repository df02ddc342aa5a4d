import { PageHeading } from '../components/PageHeading';
import type { PageDef } from '../router';

/** A page whose work has not landed yet: says so, with what it will do. Never fake data. */
export function PlaceholderPage({ page }: { page: PageDef }) {
  return (
    <section className="page" data-testid={`page-${page.id}`}>
      <PageHeading focusOnMount>{page.label}</PageHeading>
      <div className="notice notice-info" data-testid="placeholder">
        <p className="notice-title">{page.label}: non ancora disponibile</p>
        <p className="notice-text">{page.purpose}</p>
      </div>
    </section>
  );
}
