/**
 * The rules layer's public face for the rest of main (the app's API handlers, the CLI): calculations
 * under a vault's approved rules, saved results that replay, proposals and their review, law sources.
 */
export {
  loadRules,
  toRuleRow,
  profileOrThrow,
  crsForVault,
  fswForVault,
  whatIfForVault,
  listProposals,
  saveCrs,
  saveFsw,
  recomputeSavedCrs,
  propose,
  proposalDiff,
  approve,
  reject,
  type ProposalInput,
} from './rules-store';
export { ruleLines } from './rule-lines';
export { importLawSource, importLawBytes, listLawSources, htmlToText, splitSections, type LawImportResult, type LawSourceLine } from './law';
export { calculateCrs, calculateFsw, BUILT_IN_RULES } from '../../src-shared/rules/calculators';
export { crsWhatIf } from '../../src-shared/rules/whatif';
export { parseProfile, profileSchema, type Profile } from '../../src-shared/rules/profile';
