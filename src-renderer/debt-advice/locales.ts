/**
 * The debt-advice pack's strings in both languages; the app's locale files place them under `debt`
 * (the pack owns its words, tests/ui/i18n.test.ts checks them with every other string).
 */
import type { CATEGORIES, SECTIONS } from '../../src-shared/debt-advice/sfs';
import type { FREQUENCIES } from '../../src-shared/debt-advice/frequency';

type Words = {
  title: string;
  back: string;
  newBudget: string;
  none: string;
  date: string;
  status: Record<'draft' | 'awaiting_signoff' | 'final', string>;
  section: Record<(typeof SECTIONS)[number], string>;
  category: Record<(typeof CATEGORIES)[number], string>;
  frequency: Record<(typeof FREQUENCIES)[number], string>;
  line: { category: string; label: string; amount: string; frequency: string; note: string; monthly: string; add: string };
  totals: { income: string; fixedCosts: string; flexibleCosts: string; savings: string; expenditure: string; surplus: string; deficit: string; live: string };
  finalise: string;
  awaiting: string;
  guideline: string;
  explained: string;
};

const en: Words = {
  title: 'Budget sheet (Standard Financial Statement)',
  back: 'Back to the case',
  newBudget: 'Start a budget',
  none: 'No budget yet.',
  date: 'Statement date',
  status: { draft: 'Draft', awaiting_signoff: 'Awaiting sign-off', final: 'Final' },
  section: { income: 'Income', fixed: 'Fixed costs', flexible: 'Flexible costs', savings: 'Savings' },
  category: {
    earnings: 'Earnings',
    benefits: 'Benefits',
    pensions: 'Pensions',
    other_income: 'Other income',
    home_and_contents: 'Home and contents',
    utilities: 'Utilities',
    water: 'Water',
    care_and_health: 'Care and health',
    transport_and_travel: 'Transport and travel',
    school: 'School costs',
    pensions_and_insurances: 'Pensions and insurances',
    professional: 'Professional costs',
    other_essential: 'Other essential costs',
    communications_and_leisure: 'Communications and leisure',
    food_and_housekeeping: 'Food and housekeeping',
    personal_costs: 'Personal costs',
    savings_contribution: 'Savings contribution',
  },
  frequency: { weekly: 'weekly', fortnightly: 'fortnightly', four_weekly: 'every 4 weeks', monthly: 'monthly', quarterly: 'quarterly', yearly: 'yearly' },
  line: { category: 'Category', label: 'Description', amount: 'Amount (£)', frequency: 'How often', note: 'Note', monthly: 'Monthly', add: 'Add line' },
  totals: {
    income: 'Income',
    fixedCosts: 'Fixed costs',
    flexibleCosts: 'Flexible costs',
    savings: 'Savings',
    expenditure: 'Expenditure',
    surplus: 'Monthly surplus',
    deficit: 'Monthly deficit',
    live: 'with the line being typed',
  },
  finalise: 'Finalise statement',
  awaiting: 'A manager must sign this statement off before it is used.',
  guideline: 'Above the spending guideline',
  explained: 'explained by a note',
};

const fr: Words = {
  title: 'Budget (état financier standard)',
  back: 'Retour au dossier',
  newBudget: 'Commencer un budget',
  none: 'Aucun budget pour l’instant.',
  date: 'Date de l’état',
  status: { draft: 'Brouillon', awaiting_signoff: 'En attente de validation', final: 'Définitif' },
  section: { income: 'Revenus', fixed: 'Dépenses fixes', flexible: 'Dépenses variables', savings: 'Épargne' },
  category: {
    earnings: 'Salaires',
    benefits: 'Prestations',
    pensions: 'Pensions et retraites',
    other_income: 'Autres revenus',
    home_and_contents: 'Logement et contenu',
    utilities: 'Énergie',
    water: 'Eau',
    care_and_health: 'Soins et santé',
    transport_and_travel: 'Transports et déplacements',
    school: 'Frais scolaires',
    pensions_and_insurances: 'Cotisations retraite et assurances',
    professional: 'Frais professionnels',
    other_essential: 'Autres dépenses essentielles',
    communications_and_leisure: 'Communications et loisirs',
    food_and_housekeeping: 'Alimentation et entretien',
    personal_costs: 'Dépenses personnelles',
    savings_contribution: 'Épargne',
  },
  frequency: {
    weekly: 'par semaine',
    fortnightly: 'toutes les deux semaines',
    four_weekly: 'toutes les 4 semaines',
    monthly: 'par mois',
    quarterly: 'par trimestre',
    yearly: 'par an',
  },
  line: {
    category: 'Catégorie',
    label: 'Description',
    amount: 'Montant (£)',
    frequency: 'Fréquence',
    note: 'Note',
    monthly: 'Par mois',
    add: 'Ajouter la ligne',
  },
  totals: {
    income: 'Revenus',
    fixedCosts: 'Dépenses fixes',
    flexibleCosts: 'Dépenses variables',
    savings: 'Épargne',
    expenditure: 'Dépenses',
    surplus: 'Excédent mensuel',
    deficit: 'Déficit mensuel',
    live: 'avec la ligne en cours de saisie',
  },
  finalise: 'Finaliser l’état',
  awaiting: 'Un responsable doit valider cet état avant son utilisation.',
  guideline: 'Au-dessus du barème de dépenses',
  explained: 'expliqué par une note',
};

export const DEBT_WORDS = { en, fr };
