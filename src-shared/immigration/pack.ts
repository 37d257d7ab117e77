/**
 * Immigration, the first pack, declared in the same form as every other (issue 16): Canadian case types,
 * the CRS and FSW rules, the CRS screen and commands. It adds no tables of its own: the engine's cases
 * table still carries immigration_program and target_province from seed 000. Its default case fields
 * are what a consultant records on every Express Entry file beyond the CRS profile.
 */
import type { PackDef } from '../config/pack';
import type { ConfigDefinition } from '../config/schema';
import { CRS_RULES } from '../rules/packs/crs';
import { FSW_RULES } from '../rules/packs/fsw';

const expressEntry: ConfigDefinition = {
  fields: [
    {
      key: 'noc_code',
      type: 'text',
      pattern: '\\d{5}',
      patternMessage: { en: 'A NOC 2021 code has five digits.', fr: 'Un code CNP 2021 compte cinq chiffres.' },
      label: { en: 'Primary occupation (NOC 2021)', fr: 'Profession principale (CNP 2021)' },
      help: { en: 'The five-digit code of the main job.', fr: "Le code à cinq chiffres de l'emploi principal." },
    },
    { key: 'express_entry_profile_number', type: 'text', max: 20, label: { en: 'Express Entry profile number', fr: 'Numéro de profil Entrée express' } },
    { key: 'job_offer', type: 'boolean', label: { en: 'Valid job offer', fr: "Offre d'emploi valide" } },
    {
      key: 'job_offer_teer',
      type: 'select',
      label: { en: 'TEER of the job offer', fr: "FEER de l'offre d'emploi" },
      options: ['0', '1', '2', '3'].map((n) => ({ value: `teer_${n}`, label: { en: `TEER ${n}`, fr: `FEER ${n}` } })),
    },
    { key: 'settlement_funds', type: 'money', currency: 'CAD', min: 0, label: { en: 'Settlement funds', fr: "Fonds d'établissement" } },
  ],
  forms: [
    {
      key: 'profile',
      label: { en: 'Express Entry profile', fr: 'Profil Entrée express' },
      sections: [
        {
          key: 'work',
          title: { en: 'Work and offer', fr: 'Travail et offre' },
          items: [
            { field: 'noc_code' },
            { field: 'express_entry_profile_number' },
            { field: 'job_offer' },
            { field: 'job_offer_teer', visibleWhen: { field: 'job_offer', equals: true } },
            { field: 'settlement_funds' },
          ],
        },
      ],
    },
  ],
};

export const IMMIGRATION_PACK: PackDef = {
  id: 'immigration',
  name: { en: 'Canadian immigration', fr: 'Immigration canadienne' },
  description: {
    en: 'Express Entry, study and work permits, BC PNP; CRS and FSW under the rules in force on any date.',
    fr: 'Entrée express, permis d’études et de travail, PCP de la C.-B.; SCG et TQF selon les règles en vigueur à toute date.',
  },
  caseTypes: ['EXPRESS_ENTRY_FSW', 'EXPRESS_ENTRY_CEC', 'STUDY_PERMIT', 'WORK_PERMIT', 'BC_PNP_TECH'],
  tables: [],
  defaultConfig: { EXPRESS_ENTRY_FSW: expressEntry, EXPRESS_ENTRY_CEC: expressEntry },
  rules: [...new Set([...CRS_RULES, ...FSW_RULES].map((r) => r.rule_id))],
  screens: ['/cases/:id (CRS and FSW)'],
  cli: ['crs', 'fsw', 'crs-whatif'],
  enabledByDefault: true,
};
