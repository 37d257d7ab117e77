/**
 * The debt-advice pack declared as a pack (issue 16): seed 001's case, its tables, its dated solution
 * rules, its screens and `casework debt`. Its default case fields are seed 001's case columns that the
 * engine's cases table does not have (total debt, surplus, solution, FCA outcome, review date), as
 * configuration an org can change through proposals.
 */
import type { PackDef } from '../config/pack';
import type { ConfigDefinition } from '../config/schema';
import { DEBT_ADVICE_TABLES } from './tables';
import { DEBT_SOLUTION_RULES } from '../rules/packs/debt-solutions';

const solutions = [
  ['dro', 'Debt Relief Order', 'Ordonnance de libération de dettes (DRO)'],
  ['dmp', 'Debt Management Plan', 'Plan de gestion de dettes (DMP)'],
  ['iva', 'Individual Voluntary Arrangement', 'Accord volontaire individuel (IVA)'],
  ['bankruptcy', 'Bankruptcy', 'Faillite'],
  ['token_payments', 'Token payments', 'Paiements symboliques'],
  ['none', 'No solution yet', 'Pas encore de solution'],
] as const;

/**
 * Seed 001's case statuses (open, in progress, referred, cancelled, closed) on the engine's vocabulary:
 * a case opens in draft ("Open"), a referral to another agency puts it on hold until it comes back, and
 * a closed case can be reopened. The moves a centre does not make (submitted, approved...) are not offered.
 */
const workflow: NonNullable<ConfigDefinition['workflow']> = {
  statuses: [
    { status: 'draft', label: { en: 'Open', fr: 'Ouvert' } },
    { status: 'in_progress', label: { en: 'In progress', fr: 'En cours' } },
    { status: 'on_hold', label: { en: 'Referred', fr: 'Orienté' } },
    { status: 'withdrawn', label: { en: 'Cancelled', fr: 'Annulé' } },
    { status: 'closed', label: { en: 'Closed', fr: 'Clos' } },
  ],
  transitions: [
    { from: 'draft', to: 'in_progress' },
    { from: 'draft', to: 'withdrawn' },
    { from: 'in_progress', to: 'on_hold' },
    { from: 'in_progress', to: 'closed' },
    { from: 'in_progress', to: 'withdrawn' },
    { from: 'on_hold', to: 'in_progress' },
    { from: 'on_hold', to: 'closed' },
    { from: 'withdrawn', to: 'closed' },
    { from: 'closed', to: 'in_progress' },
  ],
};

const caseFields: ConfigDefinition = {
  workflow,
  fields: [
    { key: 'total_debt', type: 'money', currency: 'GBP', min: 0, label: { en: 'Total debt', fr: 'Dette totale' } },
    { key: 'monthly_surplus', type: 'money', currency: 'GBP', label: { en: 'Monthly surplus', fr: 'Excédent mensuel' } },
    {
      key: 'debt_solution',
      type: 'select',
      label: { en: 'Recommended solution', fr: 'Solution recommandée' },
      options: solutions.map(([value, en, fr]) => ({ value, label: { en, fr } })),
    },
    {
      key: 'fca_outcome',
      type: 'text',
      max: 100,
      label: { en: 'FCA outcome', fr: 'Résultat FCA' },
      help: { en: 'As reported to the Financial Conduct Authority.', fr: 'Tel que déclaré à la Financial Conduct Authority.' },
    },
    { key: 'next_review_date', type: 'date', label: { en: 'Next review', fr: 'Prochain examen' } },
    { key: 'referred', type: 'boolean', label: { en: 'Referred to another agency', fr: 'Orienté vers un autre organisme' } },
    { key: 'referred_to', type: 'text', max: 255, required: true, label: { en: 'Referred to', fr: 'Orienté vers' } },
  ],
  forms: [
    {
      key: 'case',
      label: { en: 'Debt advice case', fr: 'Dossier de conseil en endettement' },
      sections: [
        {
          key: 'position',
          title: { en: 'Financial position', fr: 'Situation financière' },
          items: [{ field: 'total_debt' }, { field: 'monthly_surplus' }, { field: 'debt_solution' }],
        },
        {
          key: 'outcome',
          title: { en: 'Outcome', fr: 'Résultat' },
          items: [
            { field: 'fca_outcome' },
            { field: 'next_review_date' },
            { field: 'referred' },
            { field: 'referred_to', visibleWhen: { field: 'referred', equals: true } },
          ],
        },
      ],
    },
  ],
};

export const DEBT_ADVICE_PACK: PackDef = {
  id: 'debt-advice',
  name: { en: 'Debt advice', fr: 'Conseil en endettement' },
  description: {
    en: 'Clients, creditors and debts, the Standard Financial Statement, offers, dated debt solutions and compliance checks (seed 001).',
    fr: 'Clients, créanciers et dettes, le Standard Financial Statement, offres, solutions datées et contrôles de conformité (seed 001).',
  },
  caseTypes: ['DEBT_ADVICE'],
  tables: DEBT_ADVICE_TABLES.map((t) => t.name),
  defaultConfig: { DEBT_ADVICE: caseFields },
  rules: [...new Set(DEBT_SOLUTION_RULES.map((r) => r.rule_id))],
  screens: ['/cases/:id/budget'],
  cli: ['debt'],
  enabledByDefault: true,
};
