/**
 * `casework debt ...`: the debt-advice pack on the command line. Every command takes --data and --json;
 * objects are passed as JSON in --fields. Restricted values (NI number, account references) are masked
 * unless --reveal is given.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { UserError } from '../../../../src-shared/errors';
import { parseJsonArg } from '../../../cases/input';
import {
  addCreditor,
  addDebt,
  addLine,
  assessCase,
  budgetsOf,
  caseChecks,
  clientOf,
  createBudget,
  debtsOf,
  finaliseBudget,
  importGuidelines,
  listCreditors,
  makeOffers,
  noteLine,
  offersOf,
  recommendSolution,
  removeLine,
  setClient,
  showBudget,
  showClient,
  showDebt,
  signOffBudget,
  signOffSolution,
  statementPdf,
} from '../../../debt-advice';
import { withCore, type CommonOptions } from '../run';

type O = CommonOptions & { case?: string; fields?: string; reveal?: boolean; date?: string; token?: string };
const common = (c: Command) =>
  c.option('--data <dir>', 'vault folder (default: the OS app-data folder for Casework)').option('--json', 'machine-readable output');
const need = (v: string | undefined, what: string) => {
  if (!v) throw new UserError('invalid_input', `${what} is required`);
  return v;
};
const fields = (o: O) => parseJsonArg(need(o.fields, '--fields'), '--fields');

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError('invalid_input', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function register(program: Command) {
  const debt = program.command('debt').description('debt advice: clients, creditors, debts, budgets (SFS), offers, solutions, compliance checks');

  const client = debt.command('client').description("a debt-advice case's client details");
  common(client.command('set'))
    .description(
      'set client details: --fields \'{"niNumber":"QQ123456C","adults":1,"childrenByAge":{"5_10":2},"employment":"employed_part_time","tenure":"private_tenant","vulnerability":{"flags":[],"consent":null},"preferredContact":"phone"}\'',
    )
    .requiredOption('--case <id>')
    .requiredOption('--fields <json>')
    .option('--reveal', 'print the NI number unmasked')
    .action((o: O) => withCore(o, (core) => setClient(core, o.case!, fields(o), o.reveal)));
  common(client.command('show'))
    .requiredOption('--case <id>')
    .option('--reveal', 'print the NI number unmasked')
    .action((o: O) => withCore(o, (core) => showClient(clientOf(core, o.case!), o.reveal)));

  const creditor = debt.command('creditor').description("the org's creditor directory");
  common(creditor.command('add'))
    .description('add a creditor: --fields \'{"name":"Example Bank","address":{"lines":["1 High St"],"postcode":"AB1 2CD"},"acceptsSfs":true}\'')
    .requiredOption('--fields <json>')
    .action((o: O) => withCore(o, (core) => addCreditor(core, fields(o))));
  common(creditor.command('list')).action((o: O) => withCore(o, (core) => listCreditors(core)));

  const d = debt.command('debt').description("a case's debts");
  common(d.command('add'))
    .description('add a debt: --fields \'{"type":"credit_card","balance":"2450.00","creditorId":"...","accountReference":"1234567890"}\'')
    .requiredOption('--case <id>')
    .requiredOption('--fields <json>')
    .option('--reveal')
    .action((o: O) => withCore(o, (core) => addDebt(core, o.case!, fields(o), o.reveal)));
  common(d.command('list'))
    .requiredOption('--case <id>')
    .option('--reveal')
    .action((o: O) => withCore(o, (core) => debtsOf(core, o.case!).map((x) => showDebt(x, o.reveal))));

  const budget = debt.command('budget').description('budget sheets in the Standard Financial Statement structure');
  common(budget.command('create'))
    .requiredOption('--case <id>')
    .option('--date <YYYY-MM-DD>')
    .action((o: O) => withCore(o, (core) => createBudget(core, o.case!, o.date)));
  common(budget.command('line <budgetId>'))
    .description('add a line: --fields \'{"category":"earnings","label":"wages","amount":"320.00","frequency":"weekly"}\'')
    .requiredOption('--fields <json>')
    .action((id: string, o: O) => withCore(o, (core) => addLine(core, id, fields(o))));
  common(budget.command('note <lineId> <note>')).action((id: string, note: string, o: O) => withCore(o, (core) => noteLine(core, id, note)));
  common(budget.command('remove-line <lineId>')).action((id: string, o: O) => withCore(o, (core) => removeLine(core, id)));
  common(budget.command('show <budgetId>')).action((id: string, o: O) => withCore(o, (core) => showBudget(core, id)));
  common(budget.command('list'))
    .requiredOption('--case <id>')
    .action((o: O) => withCore(o, (core) => budgetsOf(core, o.case!)));
  common(budget.command('finalise <budgetId>'))
    .description("finalise (a trainee's statement waits for sign-off)")
    .action((id: string, o: O) => withCore(o, (core) => finaliseBudget(core, id)));
  common(budget.command('sign-off <budgetId>'))
    .description('sign off a statement awaiting it (manager, admin or owner)')
    .action((id: string, o: O) => withCore(o, (core) => signOffBudget(core, id)));
  common(budget.command('pdf <budgetId>'))
    .description('the financial statement for creditors as a PDF (final statements only)')
    .requiredOption('--out <file>', 'a new file to write')
    .option('--reveal', 'print account references unmasked')
    .action((id: string, o: O & { out: string }) =>
      withCore(o, async (core) => {
        if (existsSync(o.out)) throw new UserError('invalid_input', `${o.out} already exists; choose a new file name`);
        const bytes = await statementPdf(core, id, { revealReferences: o.reveal });
        writeFileSync(o.out, bytes, { mode: 0o600, flag: 'wx' });
        return { file: o.out, bytes: bytes.length };
      }),
    );
  common(budget.command('import-guidelines <csvFile>'))
    .description('import spending guidelines (format: src-shared/debt-advice/guidelines.ts)')
    .action((file: string, o: O) => withCore(o, (core) => importGuidelines(core, readText(file))));

  const offers = debt.command('offers').description('offers to non-priority creditors');
  common(offers.command('make'))
    .requiredOption('--case <id>')
    .option('--token <amount>', 'token offer per creditor when nothing is available (default 1.00)')
    .action((o: O) => withCore(o, (core) => makeOffers(core, o.case!, o.token)));
  common(offers.command('list'))
    .requiredOption('--case <id>')
    .action((o: O) => withCore(o, (core) => offersOf(core, o.case!)));

  const solutions = debt.command('solutions').description('debt solutions (DRO, bankruptcy, IVA, DMP) under the rules in force on a date');
  common(solutions.command('assess'))
    .requiredOption('--case <id>')
    .option('--date <YYYY-MM-DD>')
    .option('--fields <json>', '{"assets":"150.00","vehicle":"3500.00","vehicleAdapted":false,"droInLastSixYears":false,...}')
    .action((o: O) => withCore(o, (core) => assessCase(core, o.case!, o.fields ? fields(o) : {}, o.date)));
  common(solutions.command('recommend <solution>'))
    .requiredOption('--case <id>')
    .action((solution: string, o: O) => withCore(o, (core) => recommendSolution(core, o.case!, solution)));
  common(solutions.command('sign-off'))
    .requiredOption('--case <id>')
    .action((o: O) => withCore(o, (core) => signOffSolution(core, o.case!)));

  common(debt.command('checks'))
    .description('compliance checks of a case')
    .requiredOption('--case <id>')
    .option('--date <YYYY-MM-DD>')
    .action((o: O) => withCore(o, (core) => caseChecks(core, o.case!, o.date)));
}
