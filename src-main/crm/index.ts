/**
 * The CRM pack's services on the replica (issue 20): contacts, leads and their scores, pipelines and
 * deals under WIP limits, activities and call imports, tickets with SLA clocks. It reaches cases and the
 * pack switches only through their indexes (DOMAIN_USES in eslint.config.js); hosts and the app call this.
 */
export { addContact, listContacts, showContact, tagContact, watchContact, duplicateGroups, mergeContacts, contactName } from './contacts';
export { addLead, updateLead, recordResponse, loseLead, convertLead, listLeads, showLead } from './leads';
export { scoreOf, rescoreLead, rescoreAll, closedHistory } from './scoring';
export { createPipeline, setStage, listPipelines, defaultPipeline, addDeal, moveDeal, closeDeal, board, wipConflicts, DEFAULT_PIPELINE } from './pipelines';
export { addActivity, activitiesOf, importCalls } from './activities';
export { setSlaPolicy, addTicket, respondTicket, waitOnCustomer, resumeTicket, resolveTicket, showTicket, listTickets, ticketsAboutToBreach } from './tickets';
export { crmHandlers } from './handlers';
