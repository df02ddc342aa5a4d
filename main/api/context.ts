import type { OperatorRole } from '../../shared/domain/operator';

export type Transport = 'electron' | 'browser' | 'cli';

/** Who makes a call, through what, from where: what a handler knows beyond its input. */
export interface CallContext {
  /** The operator logged in with card and PIN at the moment of the call; null when nobody is. */
  operator: { codiceFiscale: string; name: string; role: OperatorRole | null } | null;
  transport: Transport;
  /** This PC, by its host name. */
  workstation: string;
}

/** The operator's codice fiscale for the audit log, or null. */
export const operatorCf = (ctx: CallContext): string | null => ctx.operator?.codiceFiscale ?? null;
