/**
 * The CRM pack declared as a pack (issue 20, seed 002 NeuraCRM): what comes before a case (the enquiry,
 * the consultation, the retainer) and the support after. It brings no case type of its own: a won lead
 * opens a case of whichever enabled pack the enquiry is about (immigration, debt advice...).
 */
import type { PackDef } from '../config/pack';
import { CRM_TABLES } from './tables';

export const CRM_PACK: PackDef = {
  id: 'crm',
  name: { en: 'Client relations', fr: 'Relation client' },
  description: {
    en: 'Contacts, leads scored on the firm’s own history, pipelines with WIP limits, activities and support tickets with SLA (seed 002).',
    fr: 'Contacts, prospects notés sur l’historique du cabinet, pipelines avec limites d’encours, activités et tickets de support avec SLA (seed 002).',
  },
  caseTypes: [],
  tables: [...CRM_TABLES.map((t) => t.name), 'leads'],
  defaultConfig: {},
  rules: [],
  screens: ['/crm/contacts', '/crm/leads', '/crm/leads/:id', '/crm/pipeline', '/crm/tickets'],
  cli: ['crm'],
  enabledByDefault: true,
};
