import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCatalogueCsv, type Catalogue } from '../shared/domain/catalogue';

/**
 * The national catalogue of prestazioni shipped in shared/data. From source this file sits in
 * main/, so ../shared/data is the repository's; in the bundles import.meta.url names
 * dist/main/<bundle>, and the build copies the file to dist/shared/data.
 */
export function catalogueFile(): string {
  return fileURLToPath(new URL('../shared/data/catalogo-prestazioni.csv', import.meta.url));
}

let loaded: Catalogue | null = null;

/** Read once per process: 2,108 lines that never change while the app runs. */
export function loadCatalogue(): Catalogue {
  loaded ??= parseCatalogueCsv(fs.readFileSync(catalogueFile(), 'utf8'));
  return loaded;
}
