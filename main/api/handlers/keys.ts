import type { keyCalls } from '../../../shared/contract/keys';
import type { RecoveryKeyService } from '../../services/recoveryKeyService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function keyHandlers(s: { recoveryKey: RecoveryKeyService }): HandlersOf<typeof keyCalls> {
  return {
    'keys.export': ({ as }, ctx) => s.recoveryKey.reveal(as, operatorCf(ctx)),
    'keys.loadForBackup': ({ name, file }, ctx) => s.recoveryKey.loadForBackup(name, file, operatorCf(ctx)),
  };
}
