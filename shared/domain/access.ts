import { OPERATOR_ROLE_LABEL, type OperatorRole } from './operator';

/**
 * Who may make a call. `public`: anyone, before logging in (the lock screen's own calls);
 * `card`: an operator logged in with card and PIN, even one without a role yet (the first MMG
 * confirming he is the studio's administrator); otherwise the roles that may make it.
 */
export type Access = 'public' | 'card' | readonly OperatorRole[];

/** The lock screen's calls: nobody is logged in yet. */
export const PUBLIC = 'public' as const satisfies Access;
/** Everyone who works the studio. */
export const STAFF = ['mmg', 'segretaria', 'case_manager'] as const satisfies readonly OperatorRole[];
/** The front desk's work: the MMG and the secretary. */
export const DESK = ['mmg', 'segretaria'] as const satisfies readonly OperatorRole[];
/** The MMG's decisions and the studio's administration. */
export const MMG_ONLY = ['mmg'] as const satisfies readonly OperatorRole[];

/** Whether an operator with `role` (null: logged in without one; undefined: nobody logged in) may. */
export function allows(access: Access, role: OperatorRole | null | undefined): boolean {
  if (access === 'public') return true;
  if (role === undefined) return false;
  if (access === 'card') return true;
  return role !== null && access.includes(role);
}

/** "Medico di medicina generale o Segreteria", for the refusal's message. */
export function rolesText(roles: readonly OperatorRole[]): string {
  const labels = roles.map((r) => OPERATOR_ROLE_LABEL[r]);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} o ${labels[labels.length - 1]}`;
}
