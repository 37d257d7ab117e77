/**
 * What a person calls a row: "Amara Okafor (2026-0001-EA3A)" for a case, "Chidi Okafor" for a person,
 * a task's title, a document's title. The Sync screen names the clashing record with it instead of a
 * table name and an id. Rows the vault no longer holds (deleted, or an insert the server refused) have
 * no label; the screen then falls back to the kind of record.
 */
import type { Core } from '../core/core';
import { TABLE_NAMES } from '../../src-shared/schema/tables';

type Row = Record<string, unknown>;
const get = (core: Core, table: string, id: string): Row | undefined => {
  if (!(TABLE_NAMES as readonly string[]).includes(table)) return undefined;
  return core.db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Row | undefined;
};
const name = (r: Row) => [r.first_name, r.last_name].filter(Boolean).join(' ');

function caseLabel(r: Row): string {
  let client = '';
  try {
    client = String((JSON.parse(String(r.client_data ?? '{}')) as { name?: string }).name ?? '');
  } catch {
    /* no client name stored */
  }
  return client ? `${client} (${r.case_number})` : String(r.case_number);
}

export function recordLabel(core: Core, table: string, id: string): string | null {
  const r = get(core, table, id);
  if (!r) return null;
  switch (table) {
    case 'cases':
      return caseLabel(r);
    case 'persons':
    case 'users':
      return name(r) || null;
    default: {
      const own = r.title ?? r.name ?? r.subject ?? null;
      const parent = typeof r.case_id === 'string' ? get(core, 'cases', r.case_id) : undefined;
      const where = parent ? caseLabel(parent) : null;
      return own && where ? `${own} · ${where}` : ((own as string | null) ?? where);
    }
  }
}
