/**
 * Who may see and do what (issue 14): one policy, evaluated the same on the laptop and on the server.
 * roles.ts: the built-in roles and custom ones; facts.ts: what conditions look at; classification.ts:
 * restricted fields and masks; engine.ts: the decisions (CASL underneath).
 */
export * from './roles';
export * from './facts';
export * from './classification';
export * from './engine';
export { policyForRole, policyFromPacked, type OrgPolicy } from './org';
export * from './supervision';
export * from './security-events';
export * from './grants';
export * from './explain';
