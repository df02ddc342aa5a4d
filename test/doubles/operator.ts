import { vi } from 'vitest';
import type { CallContext } from '../../main/api/context';
import type { OperatorRole } from '../../shared/domain/operator';

/** The demo MMG's card, Dott.ssa Giulia Bianchi. */
export const DEMO_MMG_CF = 'BNCGLI75A41F205I';

/**
 * As if an operator had logged in with card and PIN, for tests of a transport or of dispatch that
 * have no card readers: the core's session reports him (the card login has its own tests).
 */
export function loggedIn(core: { operator(): CallContext['operator'] }, role: OperatorRole = 'mmg', codiceFiscale = DEMO_MMG_CF): void {
  vi.spyOn(core, 'operator').mockReturnValue({ codiceFiscale, name: 'BIANCHI GIULIA', role });
}
