/**
 * Keys that must never come in from outside: `__proto__`, and `constructor` holding a `prototype`.
 * Parsed JSON keeps `__proto__` as an own key, harmless until some later code copies or merges the
 * object by assignment and sets a prototype instead (issue 13 row 12 was one such place). The sync
 * server's JSON parser refuses them (fastify's secure-json-parse); the laptop's boundaries refuse the
 * same. Iterative, so a deep value cannot overflow the stack here.
 */
export function forbiddenKeyProblem(value: unknown): string | null {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (!Array.isArray(v)) {
      if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return 'has a "__proto__" key, which is not accepted';
      const ctor = Object.prototype.hasOwnProperty.call(v, 'constructor') ? (v as Record<string, unknown>).constructor : undefined;
      if (ctor !== null && typeof ctor === 'object' && Object.prototype.hasOwnProperty.call(ctor, 'prototype'))
        return 'has a "constructor.prototype" key, which is not accepted';
    }
    for (const c of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) if (c !== null && typeof c === 'object') stack.push(c);
  }
  return null;
}
