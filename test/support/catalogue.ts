import fs from 'node:fs';
import path from 'node:path';
import { parseCatalogueCsv, type Catalogue } from '../../shared/domain/catalogue';

const CATALOGUE_CSV = path.join(import.meta.dirname, '..', '..', 'shared', 'data', 'catalogo-prestazioni.csv');

let shipped: Catalogue | null = null;

/** The catalogue the project ships, read once per test file. */
export function shippedCatalogue(): Catalogue {
  shipped ??= parseCatalogueCsv(fs.readFileSync(CATALOGUE_CSV, 'utf8'));
  return shipped;
}
