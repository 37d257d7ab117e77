/**
 * The Express Entry invitation to apply (ITA): the candidate has 60 days from it to submit the
 * application for permanent residence. Which cases can hold one is decided here for the core (which
 * records it) and the window (which offers to).
 */
export const ITA_DAYS = 60;

export function isExpressEntry(c: { case_type?: unknown; immigration_program?: unknown }): boolean {
  return String(c.case_type ?? '').startsWith('EXPRESS_ENTRY') || c.immigration_program === 'express_entry';
}
