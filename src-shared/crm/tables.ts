/**
 * The CRM pack's tables (issue 20, seed 002 NeuraCRM), in the vocabulary of src-shared/schema; schema/tables.ts
 * appends this list. Every table is org-wide (scope 'org'): a practice's enquiries, contacts and pipeline
 * exist before any case, so they cannot be scoped by one. The seed's `leads` table is the engine's (seed 000
 * §5.1); this pack adds the contact, pipeline, deal, activity and ticket tables around it.
 *
 * Left out of seed 002 on purpose, because they make no sense on an offline laptop: PBX trunk credentials
 * and call recording URLs (a call is imported from its call-detail record instead), the AI model's hosted
 * endpoint (scores are computed on the laptop), and stored forecast rows (a forecast is computed on demand).
 * This module imports only the column builders: tables.ts imports it, so importing it back would be a cycle.
 */
import { bool, date, decimal, int, json, plain, text, timestamp, uuid, type ColumnSpec } from '../schema/columns';
import type { TableSpec } from '../schema/tables';

export const CONTACT_KINDS = ['person', 'organization'] as const;
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export const WIP_MODES = ['soft', 'strict'] as const;
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export const ACTIVITY_KINDS = ['call', 'email', 'meeting', 'note'] as const;
export const ACTIVITY_DIRECTIONS = ['inbound', 'outbound'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_STATUSES = ['new', 'open', 'waiting_on_customer', 'resolved', 'closed'] as const;

// Every member works the pipeline; deletes stay with owner/admin (roles.ts TEAM_ORG_TABLES).
const team = ['owner', 'admin', 'manager', 'consultant', 'advisor', 'staff', 'paralegal'] as const;
const managers = ['owner', 'admin', 'manager'] as const;

function t(spec: TableSpec): TableSpec {
  const columns: Record<string, ColumnSpec> = {};
  for (const [k, v] of Object.entries(spec.columns)) columns[k] = plain(v);
  return { ...spec, columns };
}

export const CRM_TABLES: TableSpec[] = [
  t({
    name: 'crm_contacts',
    scope: 'org',
    writableBy: team,
    comment:
      'Seed 002 contacts: people and organisations that exist without a case. email_key and phone_e164 are the normalised forms duplicates are found on (lower-cased address; E.164 through libphonenumber-js); they are not unique because two laptops may add the same person offline: a merge settles it. A merged contact keeps its row with merged_into_id set and merge_history on the survivor lists what came from where.',
    columns: {
      kind: text(20).notNullable().withDefault('person').oneOf(CONTACT_KINDS),
      first_name: text(100),
      last_name: text(100),
      organization_name: text(255),
      employer_contact_id: uuid().refs('crm_contacts'),
      email: text(255),
      email_key: text(255),
      phone: text(40),
      phone_e164: text(20),
      country: text(2),
      date_of_birth: date(),
      tags: json().withDefault([]),
      watchers: json().withDefault([]).listOfUuids(),
      owner_user_id: uuid(),
      source: text(100),
      notes: text(),
      merged_into_id: uuid().refs('crm_contacts'),
      merge_history: json().withDefault([]),
    },
    indexes: [['email_key'], ['phone_e164'], ['last_name', 'first_name'], ['merged_into_id']],
  }),
  t({
    name: 'crm_pipelines',
    scope: 'org',
    writableBy: managers,
    comment: 'Seed 002 pipelines: several per org, each with its own ordered stages.',
    columns: {
      name: text(100).notNullable(),
      currency: text(3).notNullable().withDefault('CAD'),
      is_default: bool().withDefault(false),
    },
    unique: [['org_id', 'name']],
  }),
  t({
    name: 'crm_stages',
    scope: 'org',
    writableBy: managers,
    comment:
      "Seed 002 pipeline_stages: position orders them, probability (0-100) weighs the forecast, wip_limit caps the open deals in the stage (NULL: no cap). wip_mode 'soft' shows the stage over its limit; 'strict' refuses a move into a full stage, and when two laptops each made a move offline the overflow shows as a conflict after sync (src-shared/crm/wip.ts).",
    columns: {
      pipeline_id: uuid().notNullable().refs('crm_pipelines'),
      name: text(100).notNullable(),
      position: int().notNullable(),
      probability: int().notNullable().withDefault(0),
      kind: text(10).notNullable().withDefault('open').oneOf(STAGE_KINDS),
      wip_limit: int(),
      wip_mode: text(10).notNullable().withDefault('soft').oneOf(WIP_MODES),
    },
    indexes: [['pipeline_id', 'position']],
  }),
  t({
    name: 'crm_deals',
    scope: 'org',
    writableBy: team,
    comment:
      'Seed 002 deals on a pipeline. stage_entered_at is when the deal came into its stage (what orders an over-full strict stage); stage_history lists every move {stage_id, at, by}. case_id is the case a won deal opened.',
    columns: {
      pipeline_id: uuid().notNullable().refs('crm_pipelines'),
      stage_id: uuid().notNullable().refs('crm_stages'),
      title: text(255).notNullable(),
      contact_id: uuid().refs('crm_contacts'),
      lead_id: uuid().refs('leads'),
      value: decimal().notNullable().withDefault('0'),
      currency: text(3).notNullable().withDefault('CAD'),
      owner_user_id: uuid(),
      status: text(10).notNullable().withDefault('open').oneOf(DEAL_STATUSES),
      closed_reason: text(500),
      expected_close_date: date(),
      stage_entered_at: timestamp().notNullable(),
      stage_history: json().withDefault([]),
      case_id: uuid(),
      closed_at: timestamp(),
    },
    indexes: [['pipeline_id', 'stage_id', 'status'], ['contact_id'], ['owner_user_id']],
  }),
  t({
    name: 'crm_activities',
    scope: 'org',
    writableBy: team,
    comment:
      "Seed 002 activities: calls, emails, meetings and notes on a contact, lead or deal (at least one). A call imported from a PBX's call-detail record keeps its record id in external_id (so a re-import adds nothing) and the number in phone_e164; recordings are not kept.",
    columns: {
      kind: text(20).notNullable().oneOf(ACTIVITY_KINDS),
      contact_id: uuid().refs('crm_contacts'),
      lead_id: uuid().refs('leads'),
      deal_id: uuid().refs('crm_deals'),
      subject: text(255),
      body: text(),
      direction: text(10).oneOf(ACTIVITY_DIRECTIONS),
      phone_e164: text(20),
      occurred_at: timestamp().notNullable(),
      duration_seconds: int(),
      performed_by_user_id: uuid(),
      external_id: text(100),
    },
    indexes: [['contact_id'], ['lead_id'], ['deal_id'], ['external_id']],
  }),
  t({
    name: 'crm_sla_policies',
    scope: 'org',
    writableBy: managers,
    comment:
      'The org\'s support hours for ticket SLAs: an IANA time zone, business hours per ISO weekday (1 Monday .. 7 Sunday) as [["09:00","17:00"]], the holiday calendar (date-holidays country/region) and extra closed days, and per priority the first-response and resolution targets in business minutes. at_risk_percent: the share of a target used up at which a ticket is at risk.',
    columns: {
      name: text(100).notNullable(),
      time_zone: text(64).notNullable(),
      business_hours: json().notNullable(),
      holiday_country: text(2),
      holiday_region: text(10),
      extra_closed_days: json().withDefault([]),
      targets: json().notNullable(),
      at_risk_percent: int().notNullable().withDefault(75),
      is_default: bool().withDefault(false),
    },
    unique: [['org_id', 'name']],
  }),
  t({
    name: 'crm_tickets',
    scope: 'org',
    writableBy: team,
    comment:
      'Seed 002 support tickets. ticket_number is per org (T-<device prefix>-<n>, minted offline without collisions). pauses lists the intervals {from, to} spent waiting on the customer (to NULL while waiting): the SLA clock does not run in them.',
    columns: {
      ticket_number: text(40).notNullable(),
      subject: text(255).notNullable(),
      description: text(),
      contact_id: uuid().refs('crm_contacts'),
      queue: text(50).notNullable().withDefault('support'),
      category: text(50),
      priority: text(10).notNullable().withDefault('normal').oneOf(TICKET_PRIORITIES),
      status: text(30).notNullable().withDefault('new').oneOf(TICKET_STATUSES),
      assignee_user_id: uuid(),
      sla_policy_id: uuid().refs('crm_sla_policies'),
      opened_at: timestamp().notNullable(),
      first_response_at: timestamp(),
      resolved_at: timestamp(),
      pauses: json().withDefault([]),
    },
    unique: [['org_id', 'ticket_number']],
    indexes: [['status', 'priority'], ['contact_id']],
  }),
];
