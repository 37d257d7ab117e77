/**
 * The firm server's security console and reveal-with-a-reason, for the window and the CLI (issue 14).
 * Both are the server's: this vault's stored token authorises the call and the server's policy decides
 * (sync-server/src/policy-routes.ts). A revealed value is returned to the caller to show and is never
 * written to the vault, its logs or its audit (the server audits the reveal with its reason).
 */
import { UserError } from '../../src-shared/errors';
import type { Category, EventStatus, RevealedValue, SecurityEventLine, Severity } from '../../src-shared/policy/security-events';
import type { Core } from '../core/core';
import { authFetch, describeFailure, serverOf } from '../sync';

function requireFirm(core: Core) {
  if (!serverOf(core))
    throw new UserError('invalid_input', "this vault works on its own: security events and reveals are the firm server's (join it under Sync)");
}

async function serverJson<T>(core: Core, path: string, init: RequestInit = {}): Promise<T> {
  requireFirm(core);
  const res = await authFetch(core, path, init);
  if (!res.ok) throw new UserError(res.status === 403 ? 'forbidden' : res.status === 404 ? 'not_found' : 'invalid_input', await describeFailure(res));
  return (await res.json()) as T;
}

export async function listSecurityEvents(
  core: Core,
  filters: { status?: EventStatus; severity?: Severity; category?: Category; limit?: number } = {},
): Promise<SecurityEventLine[]> {
  const q = new URLSearchParams(Object.entries(filters).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]])));
  const { events } = await serverJson<{ events: Omit<SecurityEventLine, 'userEmail'>[] }>(
    core,
    `/v1/orgs/${core.actor.orgId}/security-events${q.size ? `?${q}` : ''}`,
  );
  const emails = new Map((core.db.prepare('SELECT id, email FROM users').all() as Array<{ id: string; email: string }>).map((u) => [u.id, u.email]));
  return events.map((e) => ({ ...e, userEmail: e.userId ? (emails.get(e.userId) ?? null) : null }));
}

export async function setSecurityEventStatus(core: Core, id: number, status: EventStatus): Promise<{ id: number; status: EventStatus }> {
  const r = await serverJson<{ id: number; status: EventStatus }>(core, `/v1/orgs/${core.actor.orgId}/security-events/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  return { id: r.id, status: r.status };
}

/** A masked value, whole, asked of the server with a reason (audited there); shown, not stored. */
export async function revealField(core: Core, input: { table: string; id: string; field: string; reason: string }): Promise<RevealedValue> {
  return serverJson<RevealedValue>(core, `/v1/orgs/${core.actor.orgId}/reveal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}
