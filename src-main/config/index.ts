/**
 * The configuration domain's public face (issue 16, part 1): domain packs and whether an org has them,
 * versioned case-type configuration changed through proposals, and a case's custom fields under the
 * version it follows. The app's handlers and the CLI reach it only through here.
 */
export { listPacks, setPackEnabled, caseTypeEnabled, assertCaseTypeEnabled } from './packs';
export { caseFields, saveCaseFields, migrateCase } from './case-fields';
export { proposeConfig, listConfigProposals, showConfigProposal, approveConfig, rejectConfig, type ConfigProposalInput } from './proposals';
export { definitionAt, latestVersion, versionLines, versionOfCase, workflowOfCase } from './versions';
export { configHandlers } from './handlers';
export { listTemplates, saveTemplate, previewTemplate, letterFor, fileLetter, type SaveTemplateInput } from './templates';
