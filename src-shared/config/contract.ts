/**
 * The configuration methods of the window's contract (src-shared/contract spreads them in) and what each
 * answers. A definition arrives as plain JSON and is checked by definitionSchema in the core, so the
 * message a person sees names the field and the rule it broke.
 */
import { z } from 'zod';
import type { Bilingual, ConfigDefinition } from './schema';
import type { ConfigChange } from './diff';
import type { Values } from './values';
import { MAX_TEMPLATE_CHARS, TEMPLATE_TYPES } from './templates';

const id = z.string().uuid('must be an id');
const caseType = z.string().trim().min(1, 'choose the type of case').max(100);

export const CONFIG_METHODS = {
  'config.packs': z.object({}).strict(),
  'config.setPack': z.object({ id: z.string().min(1).max(64), enabled: z.boolean() }).strict(),
  'config.definition': z.object({ caseType, version: z.number().int().min(0).optional() }).strict(),
  'config.caseFields': z.object({ caseId: id }).strict(),
  'config.saveCaseFields': z.object({ caseId: id, values: z.record(z.string().max(64), z.unknown()) }).strict(),
  'config.migrateCase': z.object({ caseId: id }).strict(),
  'config.propose': z
    .object({
      caseType,
      definition: z.unknown(),
      summary: z.string().trim().min(1, 'say what the change is').max(255),
      rationale: z.string().max(2000).optional(),
    })
    .strict(),
  'config.proposals': z.object({ caseType: caseType.optional(), status: z.enum(['PENDING', 'APPLIED', 'REJECTED']).optional() }).strict(),
  'config.approve': z.object({ id }).strict(),
  'config.reject': z.object({ id, reason: z.string().trim().min(1, 'say why').max(2000) }).strict(),
  'templates.list': z.object({}).strict(),
  'templates.save': z
    .object({
      id: id.optional(),
      name: z.string().trim().min(1, 'give the template a name').max(255),
      templateType: z.enum(TEMPLATE_TYPES),
      content: z.string().max(MAX_TEMPLATE_CHARS),
      overrides: id.optional(),
    })
    .strict(),
  'templates.preview': z.object({ templateId: id.optional(), content: z.string().max(MAX_TEMPLATE_CHARS).optional(), caseId: id }).strict(),
  'templates.file': z.object({ templateId: id, caseId: id }).strict(),
} as const;

/** A letter template as the window lists and edits it. */
export interface TemplateView {
  id: string;
  name: string;
  templateType: string;
  content: string;
  /** The merge fields its text names. */
  fields: string[];
  version: number;
  /** A system default (not edited: the firm saves its own version, which replaces it). */
  system: boolean;
  /** The system default this firm template replaces. */
  overrides: string | null;
  updatedAt: string;
}

export interface PackLine {
  id: string;
  name: Bilingual;
  description: Bilingual;
  caseTypes: string[];
  tables: string[];
  rules: string[];
  screens: string[];
  cli: string[];
  enabled: boolean;
  enabledByDefault: boolean;
}

export interface ConfigVersionLine {
  version: number;
  approvedAt: string | null;
  summary: string | null;
}

export interface DefinitionView {
  caseType: string;
  version: number;
  latestVersion: number;
  definition: ConfigDefinition;
  versions: ConfigVersionLine[];
}

export interface RetiredValue {
  key: string;
  /** The label it had in the latest version that still knew it, or null. */
  label: Bilingual | null;
  value: unknown;
}

export interface CaseFieldsView {
  caseId: string;
  caseType: string;
  /** The version this case follows (kept until it is migrated on purpose). */
  version: number;
  latestVersion: number;
  definition: ConfigDefinition;
  values: Values;
  /** Values of fields removed from the configuration since: kept, shown read-only. */
  retired: RetiredValue[];
  /** The people on the case, for person fields. */
  persons: Array<{ id: string; name: string }>;
}

export interface ConfigProposalView {
  id: string;
  title: string;
  description: string;
  caseType: string;
  baseVersion: number;
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'APPLIED';
  riskLevel: string;
  proposedBy: string | null;
  createdAt: string;
  approvedAt: string | null;
  rejectionReason: string | null;
  definition: ConfigDefinition;
  changes: ConfigChange[];
  /** Field keys the change removes (their values stay on every case). */
  removedFields: string[];
}

export interface ConfigOutputs {
  'config.packs': PackLine[];
  'config.setPack': PackLine;
  'config.definition': DefinitionView;
  'config.caseFields': CaseFieldsView;
  'config.saveCaseFields': CaseFieldsView;
  'config.migrateCase': CaseFieldsView;
  'config.propose': ConfigProposalView;
  'config.proposals': ConfigProposalView[];
  'config.approve': ConfigProposalView;
  'config.reject': ConfigProposalView;
  'templates.list': TemplateView[];
  'templates.save': TemplateView;
  'templates.preview': { text: string; blank: string[] };
  'templates.file': { documentId: string; filename: string; blank: string[] };
}
