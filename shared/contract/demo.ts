import { z } from 'zod';
import { PUBLIC } from '../domain/access';
import { DemoCardsState } from './cards';
import { NoInput } from './fields';

/**
 * Demo mode: virtual cards in vpcd's readers and fake patients. Every call here is `demoOnly`:
 * refused unless the data folder was created as a demo's.
 */

export const demoCalls = {
  'demo.cards.state': { access: PUBLIC, input: NoInput, output: DemoCardsState, demoOnly: true },
  'demo.cards.insert': { access: PUBLIC, input: z.object({ slot: z.number().int().min(0).max(1), image: z.string().max(80) }), output: DemoCardsState, demoOnly: true },
  'demo.cards.remove': { access: PUBLIC, input: z.object({ slot: z.number().int().min(0).max(1) }), output: DemoCardsState, demoOnly: true },
  'demo.seed': {
    access: PUBLIC,
    input: z.object({ patients: z.number().int().min(1).max(200_000), seed: z.number().int().optional() }),
    output: z.object({ created: z.number().int(), skipped: z.number().int() }),
    demoOnly: true,
  },
} as const;
