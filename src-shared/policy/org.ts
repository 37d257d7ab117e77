/**
 * A member's policy in a firm: their role (a built-in, or a firm's role from org_roles that inherits
 * from one) compiled to rules. A firm's row keyed like a built-in changes that built-in for the firm.
 * Compiled policies are cached by their rules' text: every device and request with the same role
 * shares one.
 */
import { BUILT_IN_ROLES, compileRole, isBuiltIn, builtInRules, type RoleDef } from './roles';
import { Policy, type PackedRules } from './engine';

/** The firm's roles by key (org_roles rows, checked). */
export type OrgPolicy = ReadonlyMap<string, RoleDef>;

const cache = new Map<string, Policy>();
function cached(rulesKey: string, make: () => Policy): Policy {
  let p = cache.get(rulesKey);
  if (!p) {
    if (cache.size > 500) cache.clear();
    p = make();
    cache.set(rulesKey, p);
  }
  return p;
}

/** The rules of `role` in a firm with these roles (unknown roles get the least: trainee). */
export function policyForRole(role: string, org: OrgPolicy = new Map()): Policy {
  const def = org.get(role);
  const rules = def ? compileRole(def) : isBuiltIn(role) ? builtInRules(role) : builtInRules('trainee');
  return cached(JSON.stringify(rules), () => new Policy(rules));
}

/** A policy from packed rules (the server's answer, or the synced org_roles row). */
export function policyFromPacked(packed: PackedRules): Policy {
  return cached(JSON.stringify(packed), () => Policy.fromPacked(packed));
}

export { BUILT_IN_ROLES };
