/**
 * An FTS5 MATCH expression for what a person typed, used by the case list's search and by global
 * search so both read typing the same way. "okaf 2026" -> '"okaf"* AND "2026"*': every word is a prefix; quotes keep
 * FTS syntax out of user text.
 */
export function ftsPrefixQuery(search: string | undefined): string | undefined {
  // Control characters (a NUL ends an FTS5 string early) are dropped before the words are quoted.
  const words = (search ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .split(/[\s\-_,;:.\/]+/)
    .filter(Boolean)
    .slice(0, 8);
  if (!words.length) return undefined;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ');
}
