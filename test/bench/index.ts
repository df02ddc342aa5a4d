import { runBigImportBench } from './bigImportBench';
import { runCardsBench } from './cardsBench';
import { runImportBench } from './importBench';
import { runPaiBench } from './paiBench';
import { runStoreBench } from './storeBench';

/**
 * `npm run bench`: every benchmark, each against a bare baseline run side by side in the same
 * process. Prints text, then one JSON line with all the figures.
 */
async function main(): Promise<void> {
  const store = runStoreBench();
  console.log();
  const cards = await runCardsBench();
  console.log();
  const imports = await runImportBench();
  console.log();
  const pai = runPaiBench();
  console.log();
  const largeList = await runBigImportBench();
  console.log(JSON.stringify({ store, cards, imports, pai, largeList }));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
