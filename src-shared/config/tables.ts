/**
 * The configuration domain's own table, in the vocabulary of src-shared/schema; schema/tables.ts appends
 * this list. A case type's custom fields and forms are one typed definition (./schema.ts), and every
 * approved change makes a new immutable version here, as approved_rules does for rules: a case keeps the
 * version it was opened under (cases.config_version), so an edit never reshapes an open case behind its
 * back, and an old version stays readable for as long as a case points at it.
 *
 * Version 0 of a case type is its pack's default (src-shared/<pack>/pack.ts), held in code, not here.
 * This module imports only the column builders: tables.ts imports it, so importing it back would be a cycle.
 */
import { int, json, plain, text, timestamp, uuid, type ColumnSpec } from '../schema/columns';
import type { TableSpec } from '../schema/tables';
import { parseDefinition } from './schema';

const managers = ['owner', 'admin'] as const;

function t(spec: TableSpec): TableSpec {
  const columns: Record<string, ColumnSpec> = {};
  for (const [k, v] of Object.entries(spec.columns)) columns[k] = plain(v);
  return { ...spec, columns };
}

export const CONFIG_TABLES: TableSpec[] = [
  t({
    name: 'config_versions',
    scope: 'org',
    writableBy: managers,
    comment:
      "One approved version of a case type's custom fields and forms (definition: src-shared/config/schema.ts). Written only by approving a config_change_proposals row; never updated after.",
    columns: {
      case_type: text(100).notNullable(),
      config_version: int().notNullable(),
      definition: json().notNullable(),
      // No foreign key: config_change_proposals has no (org_id, id) key to reference on the server.
      proposal_id: uuid(),
      approved_by: uuid(),
      approved_at: timestamp().notNullable(),
      summary: text(),
    },
    unique: [['org_id', 'case_type', 'config_version']],
    indexes: [['case_type']],
    // A version is what cases were opened under: it must stay exactly as approved.
    insertOnly: true,
    // Checked on the server too: a laptop's (or a crafted) push of a definition the renderer and the
    // value checks could not read would break every case of that type on every laptop.
    checkRow: (f) => {
      if (f.definition === undefined) return undefined;
      const r = parseDefinition(f.definition);
      return r.ok ? undefined : `definition is not valid: ${r.message}`;
    },
  }),
];
