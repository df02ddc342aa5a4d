import { z } from 'zod';
import { MMG_ONLY } from '../domain/access';
import { OperatorRole } from '../domain/operator';
import { CodiceFiscale } from '../domain/patient';
import { NoInput } from './fields';
import { SessionOperator } from './cards';

/** The studio's operators: known by the codice fiscale of their card, each with a role. */

export const OperatorView = z.object({
  codiceFiscale: z.string(),
  /** "COGNOME NOME": from the card's certificate at login, or as typed when added. */
  name: z.string(),
  role: OperatorRole.nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type OperatorView = z.infer<typeof OperatorView>;

const OperatorName = z.string().trim().max(120);

export const operatorCalls = {
  'operators.list': { access: MMG_ONLY, input: NoInput, output: z.object({ operators: z.array(OperatorView) }) },
  'operators.add': {
    access: MMG_ONLY,
    input: z.object({ codiceFiscale: CodiceFiscale, role: OperatorRole, name: OperatorName.optional() }),
    output: OperatorView,
  },
  'operators.setRole': { access: MMG_ONLY, input: z.object({ codiceFiscale: z.string().max(40), role: OperatorRole }), output: OperatorView },
  'operators.disable': { access: MMG_ONLY, input: z.object({ codiceFiscale: z.string().max(40) }), output: OperatorView },
  /**
   * On a data folder without an administrator, the operator just logged in with card and PIN
   * confirms that he is the studio's MMG, and becomes its administrator.
   */
  'operators.claimAdministrator': { access: 'card', input: NoInput, output: SessionOperator },
} as const;
