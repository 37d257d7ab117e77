/**
 * A client's name as typed in one box ("Amara Okafor"), checked by one rule everywhere it is accepted
 * (the window's new-case dialog, the contract, the CLI's --client, the core), so the same name is never
 * taken in one place and refused in another. A person's first and last names are columns of at most
 * 100 characters each, so the whole name may be up to 200 with the last word as the last name.
 */
import { z } from 'zod';

export const NAME_PART_MAX = 100;
export const CLIENT_NAME_MAX = 2 * NAME_PART_MAX;

export interface SplitName {
  firstName: string;
  lastName: string;
}

/** The last word is the last name; everything before it the first name(s). */
export function splitClientName(full: string): SplitName {
  const parts = full.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] };
}

/** Why this name cannot be a client's name, or null when it can. */
export function clientNameProblem(full: string): string | null {
  const name = full.trim();
  if (!name) return "enter the client's name";
  if (name.length > CLIENT_NAME_MAX) return `must be at most ${CLIENT_NAME_MAX} characters`;
  const { firstName, lastName } = splitClientName(name);
  if (firstName.length > NAME_PART_MAX || lastName.length > NAME_PART_MAX) return `first and last names must each be at most ${NAME_PART_MAX} characters`;
  return null;
}

export const clientName = z
  .string()
  .transform((s) => s.trim())
  .superRefine((s, ctx) => {
    const problem = clientNameProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
