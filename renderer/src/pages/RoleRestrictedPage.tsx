import { PageHeading } from '../components/PageHeading';
import { OPERATOR_ROLE_LABEL } from '../../../shared/domain/operator';
import { HOME_PAGE, pageHref, type PageDef } from '../router';

/** A page reached by its address that the operator's role does not work on. */
export function RoleRestrictedPage({ page }: { page: PageDef }) {
  const roles = (page.roles ?? []).map((r) => OPERATOR_ROLE_LABEL[r]).join(', ');
  return (
    <section className="page" data-testid="page-role-restricted">
      <PageHeading focusOnMount>{page.label}</PageHeading>
      <div className="notice notice-info">
        <p className="notice-text">{page.purpose}</p>
        <p className="notice-text">Questa sezione è riservata a: {roles}.</p>
        <p className="notice-text">
          <a href={pageHref(HOME_PAGE)}>Vai alla giornata dello studio</a>
        </p>
      </div>
    </section>
  );
}
