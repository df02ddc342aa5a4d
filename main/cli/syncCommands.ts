import fs from 'node:fs';
import { UsageError } from './args';
import type { Command } from './commandTypes';
import { withCore } from './withCore';

const SETTINGS = ['centroServizi.url', 'centroServizi.token', 'centroServizi.gestoreCode'] as const;
const SYSTEM_PREFIX = 'centroServizi.systems.';

function readSecretFromStdin(): string {
  const text = fs.readFileSync(0, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
  if (!text) throw new UsageError('nothing on standard input');
  return text;
}

export const SYNC_COMMANDS: Command[] = [
  {
    words: ['settings', 'set'],
    usage: `pic settings set centroServizi.url URL | centroServizi.token --stdin | centroServizi.gestoreCode CODE | ${SYSTEM_PREFIX}<name> URL [--json]`,
    summary: "the Centro Servizi: its FHIR base URL (https, or http on this computer), its bearer token (from stdin, kept beside the database keys), the Gestore's code, a code system's URL",
    run(args) {
      const [name, value, ...rest] = args.positionals;
      if (!name || rest.length) throw new UsageError(`what to set is missing: ${SYNC_COMMANDS[0]!.usage}`);
      let change: SettingChange;
      if (name === 'centroServizi.token') {
        if (value !== undefined || !args.flags.stdin) throw new UsageError('the token is read from standard input only: pic settings set centroServizi.token --stdin');
        change = { token: readSecretFromStdin() };
      } else {
        if (value === undefined) throw new UsageError(`${name} needs a value`);
        change = buildChange({ name, value });
      }
      return withCore(args, async (call) => {
        const s = await call('settings.centroServizi.set', change);
        return { json: s, text: `Centro Servizi: ${s.url ?? '(no URL)'}${s.hasToken ? ', token set' : ', no token'}${s.gestoreCode ? `, Gestore ${s.gestoreCode}` : ''}` };
      });
    },
  },
  {
    words: ['sync', 'run'],
    usage: 'pic sync run [--json]',
    summary: 'push what waits to the Centro Servizi and pull what changed there, once',
    run(args) {
      return withCore(args, async (call) => {
        const r = await call('sync.run', {});
        const json = { pushed: r.pushed, pulled: r.pulled, conflicts: r.conflicts, needsAttention: r.needsAttention, pending: r.pending, ...(r.error ? { error: r.error.code, message: r.error.message } : {}) };
        return {
          json,
          exitCode: r.error ? 1 : 0,
          text: `Pushed ${r.pushed}, pulled ${r.pulled}; ${r.pending} waiting, ${r.needsAttention} to check, ${r.conflicts} conflicts${r.error ? `\nStopped: ${r.error.message}` : ''}`,
        };
      });
    },
  },
  {
    words: ['sync', 'status'],
    usage: 'pic sync status [--json]',
    summary: 'the sync: online or not, last success, what waits by kind, what needs a person',
    run(args) {
      return withCore(args, async (call) => {
        const s = await call('sync.status', {});
        const lines = [
          `Centro Servizi: ${s.url ?? 'not configured'}; ${s.online === null ? 'never tried' : s.online ? 'online' : 'offline'}; last success ${s.lastSuccessAt ?? 'never'}`,
          `Waiting: ${s.pendingTotal}${s.pending.length ? ` (${s.pending.map((p) => `${p.kind} ${p.count}`).join(', ')})` : ''}`,
          ...s.attention.map((a) => `To check: ${a.kind} of ${a.codiceFiscale} (${a.uid}): ${a.reason}`),
          ...s.conflicts.map((c) => `Conflict #${c.id}: ${c.resourceType} of ${c.codiceFiscale} (${c.fields.map((f) => f.name).join(', ')})`),
          ...(s.lastError ? [`Last error: ${s.lastError.message}`] : []),
        ];
        return { json: s, text: lines.join('\n') };
      });
    },
  },
];

type SettingChange = { url?: string; gestoreCode?: string; systems?: Record<string, string>; token?: string };

function buildChange({ name, value }: { name: string; value: string }): SettingChange {
  if (name === 'centroServizi.url') return { url: value };
  if (name === 'centroServizi.gestoreCode') return { gestoreCode: value };
  if (name.startsWith(SYSTEM_PREFIX)) return { systems: { [name.slice(SYSTEM_PREFIX.length)]: value } };
  throw new UsageError(`unknown setting ${name}: one of ${SETTINGS.join(', ')}, ${SYSTEM_PREFIX}<name>`);
}
