import { runCardsBench } from './cardsBench';
import { runStoreBench } from './storeBench';

/**
 * `npm run bench`: every benchmark, each against a bare baseline run side by side in the same
 * process. Prints text, then one JSON line with all the figures.
 */
const store = runStoreBench();
console.log();
const cards = await runCardsBench();
console.log(JSON.stringify({ store, cards }));
process.exit(0);
