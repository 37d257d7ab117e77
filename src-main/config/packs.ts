/**
 * Which packs an org has. The switch is the org's config_feature_flags row `pack.<id>` (synced, written by
 * an owner or admin only, as the server's policy already says for that table); without a row a pack is
 * as its declaration says (enabledByDefault). Switching is logged in config_change_log like every change
 * of configuration. A disabled pack's case types are not offered for new cases; existing cases stay.
 */
import { UserError } from '../../src-shared/errors';
import { PACKS, packById, packFlag, packOfCaseType, type PackDef, type PackLine } from '../../src-shared/config';
import { rows, write } from '../core/writer';
import type { Core } from '../core/core';

function flagRow(core: Core, id: string) {
  return rows(core, 'config_feature_flags', 'org_id = ? AND flag_key = ?', [core.actor.orgId, packFlag(id)])[0];
}

function line(core: Core, p: PackDef): PackLine {
  const flag = flagRow(core, p.id);
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    caseTypes: [...p.caseTypes],
    tables: [...p.tables],
    rules: [...p.rules],
    screens: [...p.screens],
    cli: [...p.cli],
    enabled: flag ? flag.is_enabled === true : p.enabledByDefault,
    enabledByDefault: p.enabledByDefault,
  };
}

export function listPacks(core: Core): PackLine[] {
  return PACKS.map((p) => line(core, p));
}

export function setPackEnabled(core: Core, id: string, enabled: boolean): PackLine {
  const pack = packById(id);
  if (!pack) throw new UserError('not_found', `there is no pack "${id}" (packs: ${PACKS.map((p) => p.id).join(', ')})`);
  if (!['owner', 'admin'].includes(core.actor.role)) throw new UserError('forbidden', 'only an owner or admin may enable or disable a pack');
  return core.tx(() => {
    const before = line(core, pack).enabled;
    if (before === enabled) return line(core, pack);
    const flag = flagRow(core, id);
    const row = flag
      ? write(core, { table: 'config_feature_flags', op: 'update', id: String(flag.id), fields: { is_enabled: enabled } })
      : write(core, {
          table: 'config_feature_flags',
          op: 'insert',
          fields: { flag_key: packFlag(id), label: `Pack: ${pack.name.en}`, description: pack.description.en, is_enabled: enabled, rollout_percentage: 100 },
        });
    write(core, {
      table: 'config_change_log',
      op: 'insert',
      fields: {
        change_type: enabled ? 'pack_enabled' : 'pack_disabled',
        target_entity: 'config_feature_flags',
        target_id: row.id,
        old_values: { pack: id, enabled: before },
        new_values: { pack: id, enabled },
        applied_by: core.actor.userId,
      },
    });
    return line(core, pack);
  });
}

/** Whether new cases of this type may be opened: its pack is enabled (a type no pack claims always is). */
export function caseTypeEnabled(core: Core, caseType: string): boolean {
  const pack = packOfCaseType(caseType);
  return !pack || line(core, pack).enabled;
}

export function assertCaseTypeEnabled(core: Core, caseType: string): void {
  const pack = packOfCaseType(caseType);
  if (pack && !caseTypeEnabled(core, caseType))
    throw new UserError('forbidden', `${caseType} belongs to the ${pack.name.en} pack, which this firm has disabled (casework pack enable ${pack.id})`);
}
