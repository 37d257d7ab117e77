/**
 * The debt-advice domain pack's services on the replica (issue 16 part 2): clients, the creditor
 * directory, debts, SFS budgets, spending guidelines, offers, solutions and compliance checks. It uses
 * the cases domain only through its index (DOMAIN_USES in eslint.config.js); hosts (the CLI) import this.
 */
export { setClient, showClient, clientOf, addCreditor, listCreditors, addDebt, debtsOf, showDebt } from './clients';
export { createBudget, addLine, noteLine, removeLine, showBudget, finaliseBudget, signOffBudget, importGuidelines, budgetsOf } from './budgets';
export { makeOffers, offersOf, assessCase, recommendSolution, signOffSolution, caseChecks } from './advice';
export { statementPdf } from './statement-pdf';
