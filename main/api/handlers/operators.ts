import type { operatorCalls } from '../../../shared/contract/operators';
import type { CardsService } from '../../cards/cardsService';
import type { OperatorService } from '../../services/operatorService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function operatorHandlers(s: { operators: OperatorService; cards: CardsService }): HandlersOf<typeof operatorCalls> {
  return {
    'operators.list': () => ({ operators: s.operators.list() }),
    'operators.add': (input, ctx) => s.operators.add(input, operatorCf(ctx)),
    'operators.setRole': ({ codiceFiscale, role }, ctx) => s.operators.setRole(codiceFiscale, role, operatorCf(ctx)),
    'operators.disable': ({ codiceFiscale }, ctx) => s.operators.disable(codiceFiscale, operatorCf(ctx)),
    'operators.claimAdministrator': () => s.cards.claimAdministrator(),
  };
}
