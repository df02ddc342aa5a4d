import type { pluginCalls } from '../../../shared/contract/plugins';
import type { PluginService } from '../../importers/pluginService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function pluginHandlers(s: { plugins: PluginService }): HandlersOf<typeof pluginCalls> {
  return {
    'plugins.list': () => s.plugins.list(),
    'plugins.enable': ({ file, sha256 }, ctx) => s.plugins.enable(file, sha256, operatorCf(ctx)),
    'plugins.disable': ({ file }, ctx) => s.plugins.disable(file, operatorCf(ctx)),
  };
}
