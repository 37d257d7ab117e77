/**
 * The statuses a case can have. A module with no imports: the configuration schema (config/schema.ts),
 * which schema/tables.ts reaches through config/tables.ts, needs this list too, and importing tables.ts
 * from there would be a cycle.
 */
export const CASE_STATUSES = ['draft', 'consultation', 'active', 'in_progress', 'on_hold', 'submitted', 'approved', 'refused', 'withdrawn', 'closed'] as const;
