// The competency frameworks: data, model, lookup by ID, exports and import.
export * from './schema.ts'
export * from './errors.ts'
export * from './ids.ts'
export { Catalog, type Entry } from './catalog.ts'
export type {
  AudienceEntry,
  ComponentEntry,
  DescriptorEntry,
  DomainEntry,
  FrameworkEntry,
  LevelEntry,
} from './catalog.ts'
export { loadFrameworks, shippedCatalog, FRAMEWORK_FILES } from './load.ts'
export { validateFrameworks } from './validate.ts'
export { canonicalJson, canonicalFrameworkJson } from './export/canonical-json.ts'
export { casePackage, type CfPackage } from './export/case.ts'
export { moodleCompetencyRows, moodleScale, MOODLE_CSV_HEADER } from './export/moodle-csv.ts'
export { parseFrameworkFile, type ParsedFrameworkFile } from './import/parse-framework-file.ts'
