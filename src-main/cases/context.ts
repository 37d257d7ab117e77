/**
 * Which client and case a line belongs to (a task due, a document expiring, a search hit): every list
 * that gathers lines from many cases names them, so "Collect reference letters" twice is two clients.
 * One read of the cases named, whatever the list.
 */
import type { Core } from '../core/core';

export interface CaseContext {
  caseNumber: string | null;
  client: string | null;
}

/** Adds caseNumber and client to each item from the case its `caseIdOf` names (null when none). */
export function withCaseContext<T>(core: Core, items: T[], caseIdOf: (item: T) => string | null | undefined): Array<T & CaseContext> {
  const ids = [...new Set(items.map(caseIdOf).filter((x): x is string => Boolean(x)))];
  const byId = new Map<string, CaseContext>();
  if (ids.length) {
    const found = core.db
      .prepare(
        `SELECT id, case_number AS caseNumber, json_extract(client_data, '$.name') AS client
           FROM cases WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as Array<{ id: string } & CaseContext>;
    for (const c of found) byId.set(c.id, { caseNumber: c.caseNumber, client: c.client });
  }
  return items.map((item) => {
    const id = caseIdOf(item);
    return { ...item, ...(byId.get(id ?? '') ?? { caseNumber: null, client: null }) };
  });
}
