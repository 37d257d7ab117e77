/** Input checking shared by the CRM services: zod schemas refused in words before anything is written. */
import type { z } from 'zod';
import { UserError, describeIssues } from '../../src-shared/errors';
import { listPacks } from '../config';
import type { Core } from '../core/core';

export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new UserError('invalid_input', `${what}: ${describeIssues(r.error.issues)}`);
  return r.data;
}

/** The pack is switched per org (`pack.crm`); a firm that turned it off gets no CRM writes. */
export function assertCrmEnabled(core: Core): void {
  if (!listPacks(core).find((p) => p.id === 'crm')?.enabled)
    throw new UserError('forbidden', 'the CRM pack is disabled for this firm (casework pack enable crm)');
}

/** A number unique per org minted offline: PREFIX-YEAR-SEQ-DEVICE, as case numbers are. */
export function nextNumber(core: Core, prefix: string): string {
  const year = new Date().getUTCFullYear();
  const device = core.actor.clientId.replace(/-/g, '').slice(0, 4).toUpperCase();
  const key = `crm_${prefix}_seq_${year}`;
  const next = Number(core.meta(key) ?? '0') + 1;
  core.setMeta(key, String(next));
  return `${prefix}-${year}-${String(next).padStart(4, '0')}-${device}`;
}

export const isoInstant = (what: string) => (v: string) => {
  const ms = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(ms)) throw new UserError('invalid_input', `${what}: "${v}" is not an ISO date-time`);
  return new Date(ms).toISOString();
};
