/**
 * A firm's invitations to an account that already exists (issue 13: adding a colleague who has an
 * account elsewhere invites them instead). Before joining, the laptop signs in with the typed email and
 * password and lists that account's open invitations, so the person chooses which firm this vault
 * joins; accepting is part of the login (login.ts, `invitationId`). Nothing in the vault changes here.
 */
import { UserError } from '../../src-shared/errors';
import { API_PREFIX } from '../../src-shared/sync/protocol';
import type { InvitationOffer } from '../../src-shared/contract/views';
import type { Core } from '../core/core';
import { authenticate, type LoginInput } from './login';

export async function myInvitations(core: Core, input: LoginInput): Promise<InvitationOffer[]> {
  const { server, body } = await authenticate(core, input);
  const res = await fetch(`${server}${API_PREFIX}/invitations`, { headers: { authorization: `Bearer ${body.accessToken}` } });
  // A server from before invitations existed has none to offer.
  if (res.status === 404) return [];
  if (!res.ok) throw new UserError('invalid_input', `the invitations could not be read: the server answered ${res.status}`);
  const out = (await res.json()) as { invitations?: Array<Record<string, unknown>> };
  return (out.invitations ?? [])
    .filter((i) => typeof i.id === 'string' && typeof i.orgId === 'string')
    .map((i) => ({
      id: i.id as string,
      orgId: i.orgId as string,
      orgName: typeof i.orgName === 'string' ? i.orgName : '',
      role: typeof i.role === 'string' ? i.role : '',
      expiresAt: typeof i.expiresAt === 'string' ? i.expiresAt : null,
      member: body.memberships.some((m) => m.orgId === i.orgId),
    }));
}
