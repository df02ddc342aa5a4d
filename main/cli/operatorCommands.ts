import type { OperatorView } from '../../shared/contract/operators';
import { OperatorRole } from '../../shared/domain/operator';
import { systemOperator } from '../api/access';
import { UsageError } from './args';
import type { Command } from './commandTypes';
import { withCore } from './withCore';

const line = (o: OperatorView) => `${o.codiceFiscale}  ${(o.name || '(name from the card at first login)').padEnd(36)} ${o.role ?? 'no role'}${o.disabled ? '  DISABLED' : ''}`;

function cfOf(options: Record<string, string | undefined>, usage: string): string {
  const cf = options.cf;
  if (!cf) throw new UsageError(`missing --cf CF: ${usage}`);
  return cf;
}

function roleOf(options: Record<string, string | undefined>, usage: string): OperatorRole {
  const role = OperatorRole.safeParse(options.role);
  if (!role.success) throw new UsageError(`--role must be mmg, segretaria or case_manager: ${usage}`);
  return role.data;
}

/** The CLI has no card: what it changes is recorded under the OS user, and it says so. */
const withoutCard = () => `(without an operator card: recorded in the audit log as the OS user ${systemOperator().codiceFiscale})`;

export const OPERATOR_COMMANDS: Command[] = [
  {
    words: ['operators', 'list'],
    usage: 'pic operators list [--json]',
    summary: "the studio's operators: codice fiscale, name, role, disabled",
    run(args) {
      return withCore(args, async (call) => {
        const { operators } = await call('operators.list', {});
        return { json: { operators }, text: operators.map(line).join('\n') || 'No operator yet: the first MMG to log in with his card becomes the administrator.' };
      });
    },
  },
  {
    words: ['operators', 'add'],
    usage: 'pic operators add --cf CF --role mmg|segretaria|case_manager [--name "COGNOME NOME"] [--json]',
    summary: 'add an operator (or give a known one a role); the name comes from the card at login when not given',
    run(args) {
      const usage = OPERATOR_COMMANDS[1]!.usage;
      const input = { codiceFiscale: cfOf(args.options, usage), role: roleOf(args.options, usage), ...(args.options.name ? { name: args.options.name } : {}) };
      return withCore(args, async (call) => {
        const operator = await call('operators.add', input);
        return { json: { ...operator, recordedAs: systemOperator().codiceFiscale }, text: `${line(operator)}\n${withoutCard()}` };
      });
    },
  },
  {
    words: ['operators', 'set-role'],
    usage: 'pic operators set-role --cf CF --role mmg|segretaria|case_manager [--json]',
    summary: "change an operator's role",
    run(args) {
      const usage = OPERATOR_COMMANDS[2]!.usage;
      const input = { codiceFiscale: cfOf(args.options, usage), role: roleOf(args.options, usage) };
      return withCore(args, async (call) => {
        const operator = await call('operators.setRole', input);
        return { json: { ...operator, recordedAs: systemOperator().codiceFiscale }, text: `${line(operator)}\n${withoutCard()}` };
      });
    },
  },
  {
    words: ['operators', 'disable'],
    usage: 'pic operators disable --cf CF [--json]',
    summary: 'refuse the operator at login from now on',
    run(args) {
      const input = { codiceFiscale: cfOf(args.options, OPERATOR_COMMANDS[3]!.usage) };
      return withCore(args, async (call) => {
        const operator = await call('operators.disable', input);
        return { json: { ...operator, recordedAs: systemOperator().codiceFiscale }, text: `${line(operator)}\n${withoutCard()}` };
      });
    },
  },
];
