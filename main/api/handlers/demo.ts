import type { demoCalls } from '../../../shared/contract/demo';
import type { DemoCardsService } from '../../cards/demoCardsService';
import type { DemoSeedService } from '../../services/demoSeedService';
import type { HandlersOf } from './types';

export function demoHandlers(s: { demoCards: DemoCardsService; demoSeed: DemoSeedService }): HandlersOf<typeof demoCalls> {
  return {
    'demo.cards.state': () => s.demoCards.state(),
    'demo.cards.insert': ({ slot, image }) => s.demoCards.insert(slot, image),
    'demo.cards.remove': ({ slot }) => s.demoCards.remove(slot),
    'demo.seed': ({ patients, seed }) => s.demoSeed.seed(patients, seed),
  };
}
