/**
 * Which configuration a case type has, and which one a case follows. Version 0 is the pack's default
 * (code, src-shared/<pack>/pack.ts); each approved proposal adds version n+1 to config_versions, never
 * changing an earlier one. A case follows cases.config_version when set, otherwise the version in force
 * when it was opened, so approving a change never reshapes a case already open.
 */
import { UserError } from '../../src-shared/errors';
import { defaultDefinition, parseDefinition, type ConfigDefinition, type ConfigVersionLine, type WorkflowDef } from '../../src-shared/config';
import { rows, type Row } from '../core/writer';
import type { Core } from '../core/core';

function versionRows(core: Core, caseType: string): Row[] {
  return rows(core, 'config_versions', 'org_id = ? AND case_type = ?', [core.actor.orgId, caseType], { orderBy: 'config_version DESC' });
}

export function latestVersion(core: Core, caseType: string): number {
  return (versionRows(core, caseType)[0]?.config_version as number | undefined) ?? 0;
}

export function versionLines(core: Core, caseType: string): ConfigVersionLine[] {
  const stored = versionRows(core, caseType).map((r) => ({
    version: r.config_version as number,
    approvedAt: (r.approved_at as string) ?? null,
    summary: (r.summary as string) ?? null,
  }));
  return [...stored, { version: 0, approvedAt: null, summary: 'pack default' }];
}

/** The definition of one version. A stored one is checked again: it may have come from another laptop. */
export function definitionAt(core: Core, caseType: string, version: number): ConfigDefinition {
  if (version === 0) return defaultDefinition(caseType);
  const row = versionRows(core, caseType).find((r) => r.config_version === version);
  if (!row) throw new UserError('not_found', `${caseType} has no configuration version ${version}`);
  const parsed = parseDefinition(row.definition);
  if (!parsed.ok) throw new UserError('corrupt', `${caseType} configuration version ${version} is not valid: ${parsed.message}`);
  return parsed.value;
}

/** The version a case follows: its own, or the newest approved no later than its opening. */
export function versionOfCase(core: Core, c: Row): number {
  if (typeof c.config_version === 'number') return c.config_version;
  const opened = String(c.created_at);
  const inForce = versionRows(core, String(c.case_type)).find((r) => String(r.approved_at) <= opened);
  return (inForce?.config_version as number | undefined) ?? 0;
}

/** The lifecycle a case follows: its version's workflow, or undefined for the default lifecycle. */
export function workflowOfCase(core: Core, c: Row): WorkflowDef | undefined {
  return definitionAt(core, String(c.case_type), versionOfCase(core, c)).workflow;
}
