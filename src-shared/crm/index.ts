/**
 * The CRM pack's shared part (issue 20): contact keys, lead scoring, WIP limits and SLA clocks, used by the
 * core (src-main/crm), the CLI and the window alike. Nothing here touches Node or the DOM. The holiday
 * calendar (src-main/crm/holidays.ts) is loaded by the core on first use, so the window's bundle does not carry it.
 */
export * from './contact-keys';
export * from './scoring';
export * from './wip';
export * from './sla';
export { CRM_PACK } from './pack';
