/**
 * What "scrubbed" means for a row (issue 19), the same on a laptop (erasure) and on the server
 * (retention expiry): every field that could say something about someone emptied (nullable ones to
 * their default or null, required free text to "[erased]", a person's required names to "Erased
 * Person"); ids, links and classifications kept. Pure.
 */
import type { TableSpec } from '../schema/tables';
import type { ColumnSpec } from '../schema/columns';

export const ERASED = '[erased]';

/** Columns a scrub leaves alone: links and classifications that identify nobody. */
const KEEP = new Set([
  'case_id',
  'relationship_to_primary',
  'data_classification',
  'version_number',
  'file_size',
  'access_level',
  'processing_status',
  'ocr_status',
  'validation_status',
]);

/** The fields that make a row say nothing about anyone (only those that differ from what the row holds). */
export function scrubFields(spec: TableSpec, row: Record<string, unknown>, keep: ReadonlySet<string> = KEEP): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, col] of Object.entries(spec.columns) as Array<[string, ColumnSpec]>) {
    if (keep.has(name) || KEEP.has(name) || col.kind === 'uuid' || col.references) continue;
    let v: unknown;
    if (col.notNull) {
      if (col.kind !== 'text' || col.enum) continue;
      v = name === 'first_name' ? 'Erased' : name === 'last_name' ? 'Person' : ERASED;
    } else {
      v = col.default !== undefined ? col.default : null;
    }
    if (JSON.stringify(row[name] ?? null) !== JSON.stringify(v)) out[name] = v;
  }
  return out;
}
