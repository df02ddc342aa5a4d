import type { cardCalls } from '../../../shared/contract/cards';
import type { CardsService } from '../../cards/cardsService';
import type { HandlersOf } from './types';

export function cardHandlers(s: { cards: CardsService }): HandlersOf<typeof cardCalls> {
  return {
    'cards.state': () => s.cards.state(),
    'session.login': ({ pin }) => s.cards.login(pin),
    'session.logout': () => {
      s.cards.logout();
      return {};
    },
  };
}
