/**
 * The configuration methods of the window's contract, mapped to this domain's services; the app's handler
 * table spreads them in (src-main/app/handlers.ts).
 */
import type { Output, ParsedInput } from '../../src-shared/contract';
import type { CONFIG_METHODS } from '../../src-shared/config';
import type { Core } from '../core/core';
import { caseFields, migrateCase, saveCaseFields } from './case-fields';
import { listPacks, setPackEnabled } from './packs';
import { approveConfig, listConfigProposals, proposeConfig, rejectConfig } from './proposals';
import { definitionAt, latestVersion, versionLines } from './versions';
import { fileLetter, listTemplates, previewTemplate, saveTemplate } from './templates';

type ConfigMethod = keyof typeof CONFIG_METHODS;
type ConfigHandlers = { [M in ConfigMethod]: (core: Core, input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

export const configHandlers: ConfigHandlers = {
  'config.packs': (core) => listPacks(core),
  'config.setPack': (core, i) => setPackEnabled(core, i.id, i.enabled),
  'config.definition': (core, i) => {
    const latest = latestVersion(core, i.caseType);
    const version = i.version ?? latest;
    return {
      caseType: i.caseType,
      version,
      latestVersion: latest,
      definition: definitionAt(core, i.caseType, version),
      versions: versionLines(core, i.caseType),
    };
  },
  'config.caseFields': (core, i) => caseFields(core, i.caseId),
  'config.saveCaseFields': (core, i) => saveCaseFields(core, i.caseId, i.values),
  'config.migrateCase': (core, i) => migrateCase(core, i.caseId),
  'config.propose': (core, i) => proposeConfig(core, { caseType: i.caseType, definition: i.definition, summary: i.summary, rationale: i.rationale }),
  'config.proposals': (core, i) => listConfigProposals(core, i),
  'config.approve': (core, i) => approveConfig(core, i.id),
  'config.reject': (core, i) => rejectConfig(core, i.id, i.reason),
  'templates.list': (core) => listTemplates(core),
  'templates.save': (core, i) => saveTemplate(core, i),
  'templates.preview': (core, i) => previewTemplate(core, i),
  'templates.file': (core, i) => fileLetter(core, i.templateId, i.caseId),
};
