/**
 * The configuration screens' words in both languages. They live with the screens (as the debt-advice
 * pack's do) and are read through `configWords(language)`; the type makes French carry every English key.
 * Labels of fields and forms come from the configuration itself (Bilingual), not from here.
 */
import type { Bilingual, FieldType } from '../../src-shared/config';

export type Lang = 'en' | 'fr';
export const langOf = (language: string): Lang => (language.startsWith('fr') ? 'fr' : 'en');
export const inLang = (b: Bilingual | undefined | null, lang: Lang) => (b ? b[lang] || b.en : '');

type Words = {
  nav: string;
  title: string;
  caseType: string;
  version: string;
  fieldsTitle: string;
  follows: string;
  newer: string;
  moveTo: string;
  save: string;
  saved: string;
  retired: string;
  retiredHelp: string;
  none: string;
  yes: string;
  no: string;
  choose: string;
  addRow: string;
  removeRow: string;
  row: string;
  editor: string;
  preview: string;
  previewHelp: string;
  field: {
    key: string;
    labelEn: string;
    labelFr: string;
    type: string;
    required: string;
    helpEn: string;
    helpFr: string;
    options: string;
    optionsHelp: string;
    min: string;
    max: string;
    pattern: string;
    remove: string;
  };
  addField: string;
  newKey: string;
  advanced: string;
  applyJson: string;
  invalid: string;
  summary: string;
  propose: string;
  proposed: string;
  proposals: string;
  noProposals: string;
  status: Record<'PENDING' | 'APPROVED' | 'APPLIED' | 'REJECTED', string>;
  risk: string;
  removes: string;
  approve: string;
  reject: string;
  reason: string;
  packs: string;
  enabled: string;
  disabled: string;
  types: Record<FieldType, string>;
  workflow: {
    title: string;
    usesDefault: string;
    customise: string;
    statuses: string;
    wordsEn: string;
    wordsFr: string;
    moves: string;
    fromTo: string;
    backToDefault: string;
  };
  letters: {
    title: string;
    template: string;
    preview: string;
    file: string;
    filed: string;
    blank: string;
    templates: string;
    name: string;
    kind: string;
    text: string;
    fields: string;
    system: string;
    replace: string;
    saveTemplate: string;
    newTemplate: string;
    savedVersion: string;
  };
};

const en: Words = {
  nav: 'Configuration',
  title: 'Configuration',
  caseType: 'Case type',
  version: 'Version {v}',
  fieldsTitle: 'Case fields',
  follows: 'These fields follow configuration version {v}.',
  newer: 'Version {v} is newer.',
  moveTo: 'Move this case to version {v}',
  save: 'Save fields',
  saved: 'Saved.',
  retired: 'Kept from removed fields',
  retiredHelp: 'These fields are no longer in the configuration; their values are kept.',
  none: 'No custom fields for this type of case.',
  yes: 'Yes',
  no: 'No',
  choose: 'Choose…',
  addRow: 'Add',
  removeRow: 'Remove',
  row: 'Entry {n}',
  editor: 'Fields',
  preview: 'Live preview',
  previewHelp: 'The form as people will see it on a case, checked as you type.',
  field: {
    key: 'Key',
    labelEn: 'Label (English)',
    labelFr: 'Label (French)',
    type: 'Type',
    required: 'Required',
    helpEn: 'Help (English)',
    helpFr: 'Help (French)',
    options: 'Options',
    optionsHelp: 'One per line: value | English | French',
    min: 'Minimum',
    max: 'Maximum',
    pattern: 'Pattern',
    remove: 'Remove field',
  },
  addField: 'Add field',
  newKey: 'Key of the new field',
  advanced: 'Sections, conditions and repeatable groups (JSON)',
  applyJson: 'Apply JSON',
  invalid: 'This configuration cannot be proposed:',
  summary: 'What is the change?',
  propose: 'Propose change',
  proposed: 'Proposed: an owner or admin can now approve it.',
  proposals: 'Proposals',
  noProposals: 'No proposals yet.',
  status: { PENDING: 'Pending', APPROVED: 'Approved', APPLIED: 'Applied', REJECTED: 'Rejected' },
  risk: 'Risk',
  removes: 'Removes fields (their values are kept on every case):',
  approve: 'Approve',
  reject: 'Reject',
  reason: 'Why reject?',
  packs: 'Domain packs',
  enabled: 'Enabled',
  disabled: 'Disabled',
  types: {
    text: 'Text',
    number: 'Number',
    money: 'Money',
    date: 'Date',
    select: 'Choice',
    multi_select: 'Several choices',
    person: 'Person',
    boolean: 'Yes / no',
  },
  workflow: {
    title: 'Lifecycle',
    usesDefault: 'This case type follows the default lifecycle.',
    customise: 'Give it its own lifecycle',
    statuses: 'Statuses it uses (new cases start in draft)',
    wordsEn: 'Its own words (English)',
    wordsFr: 'Its own words (French)',
    moves: 'Allowed moves (row: from, column: to)',
    fromTo: 'From \\ to',
    backToDefault: 'Use the default lifecycle',
  },
  letters: {
    title: 'Letters',
    template: 'Template',
    preview: 'What the letter will say',
    file: 'File the letter on this case',
    filed: 'Filed as “{name}” in Documents.',
    blank: 'No value yet for: {fields} (left empty in the letter).',
    templates: 'Letter templates',
    name: 'Name',
    kind: 'Kind',
    text: 'Text (merge fields in {{double braces}})',
    fields: 'Merge fields',
    system: 'system default',
    replace: 'Save as the firm’s own version',
    saveTemplate: 'Save template',
    newTemplate: 'New template',
    savedVersion: 'Saved: version {v}.',
  },
};

const fr: Words = {
  nav: 'Configuration',
  title: 'Configuration',
  caseType: 'Type de dossier',
  version: 'Version {v}',
  fieldsTitle: 'Champs du dossier',
  follows: 'Ces champs suivent la version {v} de la configuration.',
  newer: 'La version {v} est plus récente.',
  moveTo: 'Passer ce dossier à la version {v}',
  save: 'Enregistrer les champs',
  saved: 'Enregistré.',
  retired: 'Conservés de champs retirés',
  retiredHelp: 'Ces champs ne sont plus dans la configuration; leurs valeurs sont conservées.',
  none: 'Aucun champ personnalisé pour ce type de dossier.',
  yes: 'Oui',
  no: 'Non',
  choose: 'Choisir…',
  addRow: 'Ajouter',
  removeRow: 'Retirer',
  row: 'Entrée {n}',
  editor: 'Champs',
  preview: 'Aperçu en direct',
  previewHelp: 'Le formulaire tel qu’il paraîtra sur un dossier, vérifié pendant la saisie.',
  field: {
    key: 'Clé',
    labelEn: 'Libellé (anglais)',
    labelFr: 'Libellé (français)',
    type: 'Type',
    required: 'Obligatoire',
    helpEn: 'Aide (anglais)',
    helpFr: 'Aide (français)',
    options: 'Options',
    optionsHelp: 'Une par ligne : valeur | anglais | français',
    min: 'Minimum',
    max: 'Maximum',
    pattern: 'Motif',
    remove: 'Retirer le champ',
  },
  addField: 'Ajouter un champ',
  newKey: 'Clé du nouveau champ',
  advanced: 'Sections, conditions et groupes répétables (JSON)',
  applyJson: 'Appliquer le JSON',
  invalid: 'Cette configuration ne peut pas être proposée :',
  summary: 'Quel est le changement?',
  propose: 'Proposer le changement',
  proposed: 'Proposé : un propriétaire ou un administrateur peut maintenant l’approuver.',
  proposals: 'Propositions',
  noProposals: 'Aucune proposition pour l’instant.',
  status: { PENDING: 'En attente', APPROVED: 'Approuvée', APPLIED: 'Appliquée', REJECTED: 'Rejetée' },
  risk: 'Risque',
  removes: 'Retire des champs (leurs valeurs restent sur chaque dossier) :',
  approve: 'Approuver',
  reject: 'Rejeter',
  reason: 'Pourquoi rejeter?',
  packs: 'Modules métier',
  enabled: 'Activé',
  disabled: 'Désactivé',
  types: {
    text: 'Texte',
    number: 'Nombre',
    money: 'Montant',
    date: 'Date',
    select: 'Choix',
    multi_select: 'Plusieurs choix',
    person: 'Personne',
    boolean: 'Oui / non',
  },
  workflow: {
    title: 'Cycle de vie',
    usesDefault: 'Ce type de dossier suit le cycle de vie par défaut.',
    customise: 'Lui donner son propre cycle de vie',
    statuses: 'Statuts utilisés (un nouveau dossier commence en brouillon)',
    wordsEn: 'Ses propres mots (anglais)',
    wordsFr: 'Ses propres mots (français)',
    moves: 'Passages permis (ligne : de, colonne : vers)',
    fromTo: 'De \\ vers',
    backToDefault: 'Revenir au cycle de vie par défaut',
  },
  letters: {
    title: 'Lettres',
    template: 'Modèle',
    preview: 'Ce que dira la lettre',
    file: 'Classer la lettre dans ce dossier',
    filed: 'Classée sous « {name} » dans Documents.',
    blank: 'Pas encore de valeur pour : {fields} (laissé vide dans la lettre).',
    templates: 'Modèles de lettres',
    name: 'Nom',
    kind: 'Genre',
    text: 'Texte (champs de fusion entre {{doubles accolades}})',
    fields: 'Champs de fusion',
    system: 'modèle du système',
    replace: 'Enregistrer comme version du cabinet',
    saveTemplate: 'Enregistrer le modèle',
    newTemplate: 'Nouveau modèle',
    savedVersion: 'Enregistré : version {v}.',
  },
};

export const CONFIG_WORDS: Record<Lang, Words> = { en, fr };
export const configWords = (language: string) => CONFIG_WORDS[langOf(language)];
/** "Version {v}" with its number. */
export const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
