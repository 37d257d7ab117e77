/**
 * What an edit form sends: only the fields whose trimmed text differs from the record as loaded, an
 * emptied field as null. Sync merges field by field, so an untouched field must never be sent — it
 * would overwrite a colleague's change to it.
 */
export function changedFields<K extends string>(before: Record<K, string>, after: Record<K, string>, keys: readonly K[]): Partial<Record<K, string | null>> {
  const out: Partial<Record<K, string | null>> = {};
  for (const k of keys) {
    const v = after[k].trim();
    if (v !== before[k]) out[k] = v === '' ? null : v;
  }
  return out;
}
