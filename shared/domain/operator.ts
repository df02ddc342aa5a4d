import { z } from 'zod';

/** Who works the studio: the GP, the secretary, the case manager (a nurse). */
export const OperatorRole = z.enum(['mmg', 'segretaria', 'case_manager']);
export type OperatorRole = z.infer<typeof OperatorRole>;

export const OPERATOR_ROLE_LABEL: Record<OperatorRole, string> = {
  mmg: 'Medico di medicina generale',
  segretaria: 'Segreteria',
  case_manager: 'Case manager',
};

export const Operator = z.object({
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  role: OperatorRole,
});
export type Operator = z.infer<typeof Operator>;
