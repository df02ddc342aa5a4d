import type { walkinCalls } from '../../../shared/contract/walkin';
import type { WalkInService } from '../../services/walkInService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function walkinHandlers(s: { walkIn: WalkInService }): HandlersOf<typeof walkinCalls> {
  return {
    'walkin.record': (input, ctx) => s.walkIn.record(input, operatorCf(ctx)),
  };
}
