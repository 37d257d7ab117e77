/**
 * Configuration as data (issue 16, part 1): the typed definition of a case type's custom fields and forms,
 * the validator of their values, the diff of a proposed change, and the registry of domain packs. Pure:
 * the core (src-main/config) and the window (src-renderer/config) both use exactly this.
 */
export * from './schema';
export * from './values';
export * from './diff';
export * from './pack';
export * from './packs';
export * from './contract';
export * from './workflow';
export * from './templates';
