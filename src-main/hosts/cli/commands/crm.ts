/**
 * `casework crm ...`: the CRM pack on the command line (issue 20). Every command takes --data and --json;
 * objects are passed as JSON in --fields (the same names the services take). Times are ISO 8601.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { UserError } from '../../../../src-shared/errors';
import { parseJsonArg } from '../../../cases/input';
import {
  activitiesOf,
  addActivity,
  addContact,
  addDeal,
  addLead,
  addTicket,
  board,
  closeDeal,
  convertLead,
  createPipeline,
  duplicateGroups,
  importCalls,
  listContacts,
  listLeads,
  listPipelines,
  listTickets,
  loseLead,
  mergeContacts,
  moveDeal,
  recordResponse,
  rescoreAll,
  resolveTicket,
  respondTicket,
  resumeTicket,
  scoreOf,
  setSlaPolicy,
  setStage,
  showContact,
  showLead,
  showTicket,
  tagContact,
  ticketsAboutToBreach,
  updateLead,
  waitOnCustomer,
  watchContact,
  wipConflicts,
} from '../../../crm';
import { withCore, type CommonOptions } from '../run';

type O = CommonOptions & {
  fields?: string;
  search?: string;
  tag?: string;
  add?: string;
  remove?: string;
  user?: string;
  status?: string;
  owner?: string;
  dueBefore?: string;
  at?: string;
  reason?: string;
  pipeline?: string;
  contact?: string;
  lead?: string;
  deal?: string;
  country?: string;
  open?: boolean;
  queue?: string;
  unwatch?: boolean;
};
const common = (c: Command) =>
  c.option('--data <dir>', 'vault folder (default: the OS app-data folder for Casework)').option('--json', 'machine-readable output');
const need = (v: string | undefined, what: string) => {
  if (!v || !v.trim()) throw new UserError('invalid_input', `${what} is required`);
  return v;
};
const fields = (o: O) => parseJsonArg(need(o.fields, '--fields'), '--fields');
const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

export function register(program: Command) {
  const crm = program.command('crm').description('client relations: contacts, leads and their scores, pipelines and deals, activities, tickets with SLA');

  const contact = crm.command('contact').description('people and organisations, with or without a case');
  common(contact.command('add'))
    .description(
      'add a contact: --fields \'{"firstName":"Amara","lastName":"Okafor","email":"amara@example.com","phone":"+1 514 555 0199","country":"CA","tags":["vip"]}\'',
    )
    .requiredOption('--fields <json>')
    .action((o: O) => withCore(o, (core) => addContact(core, fields(o))));
  common(contact.command('list'))
    .option('--search <text>')
    .option('--tag <tag>')
    .action((o: O) => withCore(o, (core) => listContacts(core, { search: o.search, tag: o.tag })));
  common(contact.command('show').argument('<id>')).action((id: string, o: O) => withCore(o, (core) => showContact(core, id)));
  common(contact.command('duplicates'))
    .description('contacts sharing an email or phone number (for example added offline on two laptops)')
    .action((o: O) => withCore(o, (core) => duplicateGroups(core)));
  common(contact.command('merge').argument('<survivor>').argument('<other>'))
    .description('merge <other> into <survivor>, keeping the history')
    .action((survivor: string, other: string, o: O) => withCore(o, (core) => mergeContacts(core, survivor, other)));
  common(contact.command('tag').argument('<id>'))
    .option('--add <tags>', 'comma-separated')
    .option('--remove <tags>', 'comma-separated')
    .action((id: string, o: O) => withCore(o, (core) => tagContact(core, id, list(o.add), list(o.remove))));
  common(contact.command('watch').argument('<id>'))
    .option('--user <userId>', 'who watches (default: you)')
    .option('--unwatch', 'stop watching')
    .action((id: string, o: O) => withCore(o, (core) => watchContact(core, id, o.user ?? core.actor.userId, !o.unwatch)));

  const lead = crm.command('lead').description('enquiries: source, owner, follow-up, score, conversion to a case');
  common(lead.command('add'))
    .description(
      'add a lead: --fields \'{"contact":{"firstName":"Chidi","lastName":"Okafor","email":"chidi@example.com"},"source":"referral","caseType":"EXPRESS_ENTRY_FSW","country":"NG","followUpAt":"2026-12-01T15:00:00Z"}\' (or "contactId")',
    )
    .requiredOption('--fields <json>')
    .action((o: O) => withCore(o, (core) => addLead(core, fields(o))));
  common(lead.command('list'))
    .option('--status <status>')
    .option('--owner <userId>')
    .option('--due-before <iso>', 'follow-ups due by then')
    .action((o: O) => withCore(o, (core) => listLeads(core, { status: o.status, owner: o.owner, dueBefore: o.dueBefore })));
  common(lead.command('show').argument('<id>')).action((id: string, o: O) => withCore(o, (core) => showLead(core, id)));
  common(lead.command('score').argument('<id>'))
    .description('the score with its factors, contributions and confidence')
    .action((id: string, o: O) => withCore(o, (core) => scoreOf(core, id)));
  common(lead.command('update').argument('<id>'))
    .requiredOption('--fields <json>', '{"status":"qualified","ownerUserId":"...","followUpAt":"...","caseType":"..."}')
    .action((id: string, o: O) => withCore(o, (core) => updateLead(core, id, fields(o))));
  common(lead.command('respond').argument('<id>'))
    .option('--at <iso>', 'when the firm answered (default: now)')
    .action((id: string, o: O) => withCore(o, (core) => recordResponse(core, id, o.at)));
  common(lead.command('lose').argument('<id>'))
    .requiredOption('--reason <text>')
    .action((id: string, o: O) => withCore(o, (core) => loseLead(core, id, o.reason!)));
  common(lead.command('convert').argument('<id>'))
    .description(
      'won: a won deal and a case of an enabled pack: --fields \'{"caseType":"EXPRESS_ENTRY_FSW","value":"2500.00","people":[{"contactId":"...","relationship":"spouse"}]}\'',
    )
    .option('--fields <json>', 'conversion details', '{}')
    .action((id: string, o: O) => withCore(o, (core) => convertLead(core, id, fields(o))));
  common(lead.command('rescore'))
    .description('rescore every open lead on the current history (what the nightly run does)')
    .action((o: O) => withCore(o, (core) => rescoreAll(core)));

  const pipeline = crm.command('pipeline').description('pipelines and their stages (order, probability, WIP limit)');
  common(pipeline.command('add'))
    .description(
      'add a pipeline: --fields \'{"name":"Retainers","stages":[{"name":"Enquiry","probability":10},{"name":"Consultation","probability":40,"wipLimit":5,"wipMode":"strict"},{"name":"Won","probability":100,"kind":"won"},{"name":"Lost","probability":0,"kind":"lost"}]}\'',
    )
    .requiredOption('--fields <json>')
    .action((o: O) => withCore(o, (core) => createPipeline(core, fields(o))));
  common(pipeline.command('list')).action((o: O) => withCore(o, (core) => listPipelines(core)));
  common(pipeline.command('stage').argument('<stageId>'))
    .description('change a stage: --fields \'{"wipLimit":3,"wipMode":"strict","probability":40}\'')
    .requiredOption('--fields <json>')
    .action((id: string, o: O) => withCore(o, (core) => setStage(core, id, fields(o))));
  common(pipeline.command('board'))
    .option('--pipeline <id>', 'default: the firm’s default pipeline')
    .action((o: O) => withCore(o, (core) => board(core, o.pipeline)));

  const deal = crm.command('deal').description('deals on a pipeline');
  common(deal.command('add'))
    .description('add a deal: --fields \'{"title":"Okafor family","contactId":"...","value":"3000.00","stageId":"..."}\'')
    .requiredOption('--fields <json>')
    .action((o: O) => withCore(o, (core) => addDeal(core, fields(o))));
  common(deal.command('move').argument('<dealId>').argument('<stageId>')).action((d: string, s: string, o: O) => withCore(o, (core) => moveDeal(core, d, s)));
  common(deal.command('win').argument('<dealId>'))
    .requiredOption('--reason <text>')
    .action((d: string, o: O) => withCore(o, (core) => closeDeal(core, d, 'won', o.reason!)));
  common(deal.command('lose').argument('<dealId>'))
    .requiredOption('--reason <text>')
    .action((d: string, o: O) => withCore(o, (core) => closeDeal(core, d, 'lost', o.reason!)));
  common(deal.command('conflicts'))
    .description('strict stages over their limit after sync, and the deals that overflow them')
    .action((o: O) => withCore(o, (core) => wipConflicts(core)));

  const activity = crm.command('activity').description('calls, emails, meetings and notes');
  common(activity.command('add'))
    .description('log an activity: --fields \'{"kind":"call","leadId":"...","direction":"outbound","durationSeconds":300,"subject":"First call"}\'')
    .requiredOption('--fields <json>')
    .action((o: O) => withCore(o, (core) => addActivity(core, fields(o))));
  common(activity.command('list'))
    .option('--contact <id>')
    .option('--lead <id>')
    .option('--deal <id>')
    .action((o: O) => withCore(o, (core) => activitiesOf(core, { contactId: o.contact, leadId: o.lead, dealId: o.deal })));
  common(activity.command('import-calls').argument('<csv>'))
    .description("import a PBX's call-detail records (CSV with id,start,direction,from,to,duration)")
    .option('--country <CC>', 'country of numbers without a +prefix')
    .action((file: string, o: O) =>
      withCore(o, (core) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          throw new UserError('invalid_input', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        return importCalls(core, text, o.country);
      }),
    );

  const sla = crm.command('sla').description("the firm's support hours and SLA targets");
  common(sla.command('set'))
    .description(
      'set the SLA policy: --fields \'{"timeZone":"America/Toronto","businessHours":{"1":[["09:00","17:00"]],"2":[["09:00","17:00"]]},"holidayCountry":"CA","holidayRegion":"ON","targets":{"low":{"firstResponseMinutes":480,"resolutionMinutes":4800},...}}\'',
    )
    .requiredOption('--fields <json>')
    .action((o: O) => withCore(o, (core) => setSlaPolicy(core, fields(o))));

  const ticket = crm.command('ticket').description('support tickets with SLA clocks');
  common(ticket.command('add'))
    .description('open a ticket: --fields \'{"subject":"Cannot upload passport","priority":"high","contactId":"...","queue":"support"}\'')
    .requiredOption('--fields <json>')
    .action((o: O) => withCore(o, (core) => addTicket(core, fields(o))));
  common(ticket.command('list'))
    .option('--open', 'unresolved only')
    .option('--queue <queue>')
    .action((o: O) => withCore(o, (core) => listTickets(core, { open: o.open, queue: o.queue })));
  common(ticket.command('due'))
    .description('open tickets at risk or breached')
    .action((o: O) => withCore(o, (core) => ticketsAboutToBreach(core)));
  common(ticket.command('show').argument('<id>')).action((id: string, o: O) => withCore(o, (core) => showTicket(core, id)));
  for (const [name, fn, what] of [
    ['respond', respondTicket, 'first answer to the customer'],
    ['wait', waitOnCustomer, 'waiting on the customer (the clocks stop)'],
    ['resume', resumeTicket, 'the customer answered (the clocks run again)'],
    ['resolve', resolveTicket, 'resolved'],
  ] as const)
    common(ticket.command(name).argument('<id>'))
      .description(what)
      .option('--at <iso>', 'when (default: now)')
      .action((id: string, o: O) => withCore(o, (core) => fn(core, id, o.at)));
}
