import type { PluginList, PluginView } from '../../shared/contract/plugins';
import { UsageError, type ParsedArgs } from './args';
import type { Command, CommandOutput } from './commandTypes';
import { withCore } from './withCore';

const STATE_TEXT: Record<PluginView['state'], string> = {
  enabled: 'enabled',
  'not-enabled': 'not enabled (never run)',
  changed: 'changed since it was enabled: enable it again',
};

function listOutput({ folder, plugins }: PluginList): CommandOutput {
  const lines = plugins.map((p) => {
    const loaded = p.adapter ? `, adapter ${p.adapter.id}` : '';
    const failed = p.error ? `, not loaded: ${p.error}` : '';
    return `${p.file}  sha256 ${p.sha256}  ${STATE_TEXT[p.state]}${loaded}${failed}`;
  });
  return { json: { folder, plugins }, text: [`Plug-in folder: ${folder}`, ...(lines.length > 0 ? lines : ['No plug-in.'])].join('\n') };
}

function fileArgument(args: ParsedArgs, usage: string): string {
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) throw new UsageError(`which file? ${usage}`);
  return file;
}

export const PLUGIN_COMMANDS: Command[] = [
  {
    words: ['plugins', 'list'],
    usage: 'pic plugins list [--json]',
    summary: 'the files of <data>/plugins with their SHA-256 and whether they are enabled (only enabled ones run)',
    run(args) {
      return withCore(args, async (call) => listOutput(await call('plugins.list', {})));
    },
  },
  {
    words: ['plugins', 'enable'],
    usage: 'pic plugins enable <file> --sha256 HEX [--json]',
    summary: 'enable a plug-in by the SHA-256 shown by pic plugins list (refused if the file differs)',
    run(args) {
      const file = fileArgument(args, 'pic plugins enable <file> --sha256 HEX');
      const sha256 = args.options.sha256;
      if (!sha256) throw new UsageError('missing --sha256 HEX: the hash pic plugins list shows for the file');
      return withCore(args, async (call) => listOutput(await call('plugins.enable', { file, sha256 })));
    },
  },
  {
    words: ['plugins', 'disable'],
    usage: 'pic plugins disable <file> [--json]',
    summary: 'disable a plug-in: it no longer runs',
    run(args) {
      const file = fileArgument(args, 'pic plugins disable <file>');
      return withCore(args, async (call) => listOutput(await call('plugins.disable', { file })));
    },
  },
];
