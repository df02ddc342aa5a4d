/**
 * File import adapters: the ATS list, another program's CSV/XLSX export with a column mapping,
 * and FHIR R4 bundles. Register `FILE_ADAPTERS` with the AdapterRegistry.
 */
import type { ImportAdapter } from '../adapter';
import { atsListAdapter } from './atsList';
import { fhirBundleAdapter } from './fhirBundle';
import { mappedFileAdapter } from './mappedFile';

export { atsListAdapter, AtsListOptions } from './atsList';
export { mappedFileAdapter, MappedFileOptions, MappingIncompleteError, readHeaders, resolveMapping } from './mappedFile';
export type { MappedFileAdapter, MappedPreview, ResolvedMapping } from './mappedFile';
export { fhirBundleAdapter, FhirBundleOptions, MAX_BUNDLE_BYTES } from './fhirBundle';
export { saveMapping, loadMapping, listMappings, deleteMapping, mappingSlug, TARGET_FIELDS, ColumnMappingSchema } from './mappings';
export type { ColumnMapping, SavedMapping, TargetField, DateFormat } from './mappings';
export { suggestPathologiesFromIcd10, parseIcd10 } from './icd10';
export type { Icd10PathologySuggestion, Icd10Code } from './icd10';
export { HEADER_SYNONYMS, FIELD_LABEL, matchColumns } from './headers';
export { openTable, tableKind } from './table';
export { readCsvRecords, CsvParser } from './csv';
export { readXlsxRows } from './xlsx';

/** The built-in file adapters, most specific first (detect order). */
export const FILE_ADAPTERS: readonly ImportAdapter<unknown>[] = [atsListAdapter, fhirBundleAdapter, mappedFileAdapter];
