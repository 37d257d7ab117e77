/**
 * Limits on untrusted JSON, shared by every boundary that accepts it (the sync server's push, the
 * laptop's IPC, HTTP shell, CLI --json and files): a value nested deeper than MAX_JSON_DEPTH is refused
 * before anything recursive walks it. A task whose custom_fields nested 3,000 arrays once passed the
 * size check and then overflowed the stack of every later reader of the audit chain (issue 13).
 *
 * Everything here is iterative (an explicit stack), so these functions themselves cannot overflow.
 */

/** Deepest nesting of arrays/objects a stored JSON value may have (a scalar is depth 0, `[]` is 1). */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a parsed value, counting only arrays and plain objects. Stops early and returns
 * `limit + 1` once the value is known to be deeper than `limit`.
 */
export function jsonDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return limit + 1;
    if (seen.has(v)) continue; // a cycle is not JSON; JSON.stringify reports it, here it must not loop
    seen.add(v);
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, depth]);
  }
  return max;
}

/** null when the value is within the depth limit, else a message for the user. */
export function jsonDepthProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  return jsonDepth(value, maxDepth) > maxDepth ? `is nested more than ${maxDepth} levels deep` : null;
}

/**
 * The nesting depth of JSON text, measured on the characters (brackets outside strings) before it is
 * parsed; returns `limit + 1` once it is known to be deeper. For boundaries that receive text.
 */
export function jsonTextDepth(text: string, limit = Number.MAX_SAFE_INTEGER): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) max = depth;
      if (max > limit) return limit + 1;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}

/** JSON.parse that refuses text nested deeper than maxDepth (a SyntaxError-like Error with a clear message). */
export function parseJsonWithin(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (jsonTextDepth(text, maxDepth) > maxDepth) throw new Error(`JSON is nested more than ${maxDepth} levels deep`);
  return JSON.parse(text);
}

/**
 * JSON with object keys sorted at every depth, built without recursion: the text hashes of audit
 * entries are made from (jsonb reorders keys; a hash must not depend on it). Byte for byte what
 * `JSON.stringify` of a key-sorted copy gives (its key order: integer-like keys first, ascending, then
 * the others in sorted order), so hashes written before this function existed still verify.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Work items: a value to write, or a literal piece of text (closing brackets, commas, keys).
  type Item = { v: unknown; inArray: boolean } | string;
  const stack: Item[] = [{ v: value, inArray: false }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const v = item.v;
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') {
      // As JSON.stringify: null inside an array, absent in an object (filtered below), nothing at the top.
      out.push(item.inArray ? 'null' : '');
      continue;
    }
    if (typeof v === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v));
      continue;
    }
    if (Array.isArray(v)) {
      // Pushed in reverse so they pop in order.
      const parts: Item[] = ['['];
      v.forEach((x, i) => {
        if (i) parts.push(',');
        parts.push({ v: x, inArray: true });
      });
      parts.push(']');
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
      continue;
    }
    const o = v as Record<string, unknown>;
    // Objects (Dates too) are written from their own keys, as the key-sorted copy had them; that copy
    // lost a "__proto__" key (assigning it sets the prototype), so it is left out here too.
    const keys = orderedKeys(Object.keys(o).sort()).filter(
      (k) => k !== '__proto__' && o[k] !== undefined && typeof o[k] !== 'function' && typeof o[k] !== 'symbol',
    );
    const parts: Item[] = ['{'];
    keys.forEach((k, i) => {
      parts.push(`${i ? ',' : ''}${JSON.stringify(k)}:`);
      parts.push({ v: o[k], inArray: false });
    });
    parts.push('}');
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
  return out.join('');
}

/** The property order of an object built by inserting `sorted` keys: array-index keys first, ascending. */
function orderedKeys(sorted: string[]): string[] {
  const isIndex = (k: string) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;
  const idx = sorted.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return idx.length ? [...idx, ...sorted.filter((k) => !isIndex(k))] : sorted;
}
