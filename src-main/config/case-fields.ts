/**
 * A case's custom fields under the configuration it follows: read them with their definition, save them
 * checked by the shared validator (src-shared/config/values.ts), and move a case to the newest version
 * only when someone asks. The data of a field removed from the configuration is never dropped: a save
 * merges what was typed into what is stored, and the view lists such values as retired.
 */
import { UserError } from '../../src-shared/errors';
import {
  isGroup,
  mergeValues,
  retiredKeys,
  valueProblems,
  type CaseFieldsView,
  type ConfigDefinition,
  type RetiredValue,
  type Values,
} from '../../src-shared/config';
import { mustRead, rows, write, type Row } from '../core/writer';
import type { Core } from '../core/core';
import { definitionAt, latestVersion, versionLines, versionOfCase } from './versions';

function personFieldKeys(def: ConfigDefinition): Set<string> {
  return new Set(def.fields.filter((f) => f.type === 'person').map((f) => f.key));
}

/** The label a removed field had in the newest version that still knew it. */
function retiredLabels(core: Core, caseType: string, keys: string[]): RetiredValue['label'][] {
  const found = new Map<string, RetiredValue['label']>();
  for (const line of versionLines(core, caseType)) {
    if (found.size === keys.length) break;
    const def = definitionAt(core, caseType, line.version);
    for (const f of def.fields) if (keys.includes(f.key) && !found.has(f.key)) found.set(f.key, f.label);
    for (const form of def.forms)
      for (const s of form.sections) for (const i of s.items) if (isGroup(i) && keys.includes(i.group) && !found.has(i.group)) found.set(i.group, i.label);
  }
  return keys.map((k) => found.get(k) ?? null);
}

function view(core: Core, c: Row): CaseFieldsView {
  const caseType = String(c.case_type);
  const version = versionOfCase(core, c);
  const definition = definitionAt(core, caseType, version);
  const values = (c.custom_fields && typeof c.custom_fields === 'object' ? c.custom_fields : {}) as Values;
  const keys = retiredKeys(definition, values);
  const labels = retiredLabels(core, caseType, keys);
  const persons = rows(core, 'persons', 'case_id = ?', [c.id], { orderBy: 'last_name, first_name' }).map((p) => ({
    id: String(p.id),
    name: `${p.first_name} ${p.last_name}`.trim(),
  }));
  return {
    caseId: String(c.id),
    caseType,
    version,
    latestVersion: latestVersion(core, caseType),
    definition,
    values,
    retired: keys.map((key, i) => ({ key, label: labels[i], value: values[key] })),
    persons,
  };
}

export function caseFields(core: Core, caseId: string): CaseFieldsView {
  return view(core, mustRead(core, 'cases', caseId, 'case'));
}

/**
 * Save typed values: only fields of the case's version may be given; the merged whole must pass the
 * validator; a person field must name a person of this case. The case is pinned to its version here, so a
 * later approval does not move it.
 */
export function saveCaseFields(core: Core, caseId: string, typed: Values): CaseFieldsView {
  return core.tx(() => {
    const c = mustRead(core, 'cases', caseId, 'case');
    const version = versionOfCase(core, c);
    const def = definitionAt(core, String(c.case_type), version);
    const known = new Set([
      ...def.fields.map((f) => f.key),
      ...def.forms.flatMap((f) => f.sections.flatMap((s) => s.items.filter(isGroup).map((g) => g.group))),
    ]);
    const unknown = Object.keys(typed).filter((k) => !known.has(k));
    if (unknown.length) throw new UserError('invalid_input', `not a field of this case's configuration (version ${version}): ${unknown.join(', ')}`);
    const stored = (c.custom_fields ?? {}) as Values;
    const merged = mergeValues(def, stored, typed);
    const problems = valueProblems(def, merged);
    if (problems.length) throw new UserError('invalid_input', problems.map((p) => `${p.path}: ${p.message.en}`).join('; '), { problems });
    const people = new Set(rows(core, 'persons', 'case_id = ?', [caseId]).map((p) => String(p.id)));
    for (const k of personFieldKeys(def)) {
      const v = merged[k];
      if (typeof v === 'string' && !people.has(v) && v !== stored[k]) throw new UserError('invalid_input', `${k}: choose a person on this case`);
    }
    const updated = write(core, {
      table: 'cases',
      op: 'update',
      id: caseId,
      fields: { custom_fields: merged, config_version: version },
      description: `custom fields saved (configuration v${version})`,
    });
    return view(core, updated);
  });
}

/** Move a case to the newest configuration on purpose; its values all stay (removed fields become retired). */
export function migrateCase(core: Core, caseId: string): CaseFieldsView {
  return core.tx(() => {
    const c = mustRead(core, 'cases', caseId, 'case');
    const latest = latestVersion(core, String(c.case_type));
    if (versionOfCase(core, c) === latest && c.config_version === latest) return view(core, c);
    const updated = write(core, {
      table: 'cases',
      op: 'update',
      id: caseId,
      fields: { config_version: latest },
      description: `moved to configuration v${latest}`,
    });
    return view(core, updated);
  });
}
