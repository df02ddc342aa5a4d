import os from 'node:os';
import { FILE_CHOICE_ACCESS } from '../../shared/contract/import';
import { KEY_EXPORT_ACCESS } from '../../shared/contract/keys';
import { allows, rolesText, type Access } from '../../shared/domain/access';
import { AppError } from '../../shared/errors';
import type { CallContext, Transport } from './context';

export class NotLoggedInError extends AppError {
  constructor() {
    super('not-logged-in', 'no operator logged in', 'Accedere con la carta operatore e il PIN per questa operazione.');
  }
}

export class RoleRequiredError extends AppError {
  constructor(call: string, access: Exclude<Access, 'public' | 'card'>, hasRole: boolean) {
    super(
      'forbidden',
      `${call} needs one of the roles ${access.join(', ')}`,
      hasRole
        ? `Operazione riservata a: ${rolesText(access)}.`
        : 'Il vostro ruolo nello studio non è ancora stato assegnato: il medico può farlo in Impostazioni, Operatori.',
    );
  }
}

/** Refuses the call unless the context's operator may make it (see shared/domain/access.ts). */
export function authorize(call: string, access: Access, ctx: CallContext): void {
  if (allows(access, ctx.operator === null ? undefined : ctx.operator.role)) return;
  if (ctx.operator === null || access === 'public' || access === 'card') throw new NotLoggedInError();
  throw new RoleRequiredError(call, access, ctx.operator.role !== null);
}

/**
 * Refuses handing the core a file to import (the desktop app's dialog, browser mode's upload:
 * no contract call, see FILE_CHOICE_ACCESS) to an operator who may not import.
 */
export function authorizeFileChoice(operator: CallContext['operator'], transport: Exclude<Transport, 'cli'>): void {
  authorize('choosing a file to import', FILE_CHOICE_ACCESS, { operator, transport, workstation: os.hostname() });
}

/** Refuses the desktop app's save dialog for the recovery key (no contract call) to anyone who may not export it. */
export function authorizeKeySave(operator: CallContext['operator']): void {
  authorize('saving the recovery key', KEY_EXPORT_ACCESS, { operator, transport: 'electron', workstation: os.hostname() });
}

/**
 * The CLI runs without a card: whoever can run it can read the data folder anyway, so it acts as
 * the studio's administrator, in the audit trail under the OS user's name ("os:mrossi").
 */
export function systemOperator(): NonNullable<CallContext['operator']> {
  const user = os.userInfo().username;
  return { codiceFiscale: `os:${user}`, name: `${user} (riga di comando, senza carta)`, role: 'mmg' };
}
