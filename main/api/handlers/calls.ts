import type { callListCalls } from '../../../shared/contract/calls';
import type { CallListService } from '../../services/callListService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function callListHandlers(s: { calls: CallListService }): HandlersOf<typeof callListCalls> {
  return {
    'calls.list': ({ limit, offset, filter }) => s.calls.list(filter, limit, offset),
    'calls.record': (input, ctx) => s.calls.record(input, operatorCf(ctx)),
    'agenda.day': ({ date }) => s.calls.agenda(date),
  };
}
