import { runBigImportBench } from './bigImportBench';
import { runCardsBench } from './cardsBench';
import { runImportBench } from './importBench';
import { runPaiBench } from './paiBench';
import { runStoreBench } from './storeBench';
import { runSyncBench } from './syncBench';

/** Each benchmark by the name its figures are printed under, in the order they run. */
const BENCHES: Record<string, () => unknown> = {
  store: runStoreBench,
  cards: runCardsBench,
  imports: runImportBench,
  pai: runPaiBench,
  largeList: runBigImportBench,
  sync: runSyncBench,
};

/**
 * `npm run bench`: every benchmark, each against a bare baseline run side by side in the same
 * process; `npm run bench -- sync pai` only those named. Prints text, then one JSON line with all
 * the figures.
 */
async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in BENCHES));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}: one of ${Object.keys(BENCHES).join(', ')}`);
  const figures: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(BENCHES)) {
    if (asked.length && !asked.includes(name)) continue;
    if (Object.keys(figures).length) console.log();
    figures[name] = await run();
  }
  console.log(JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
