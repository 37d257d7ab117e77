/**
 * Debt solutions in England and Wales as dated, cited rules (the debt-advice pack; see
 * src-shared/debt-advice/solutions.ts for the facts they read and how a result is explained).
 *
 * One engine pack per solution: 'dro_ew' (Debt Relief Order), 'bankruptcy_ew' (debtor's application),
 * 'iva_ew' and 'dmp'. Each criterion is a 'requirement' rule, so a result lists every criterion met or
 * unmet with its reason; fees and thresholds that are figures, not criteria, are 'points' rules whose
 * points are PENCE (group 'fee' or 'threshold'), so that they are dated like everything else.
 *
 * Money facts are whole pence. Limits, as the instruments word them:
 *  - Insolvency Act 1986 Sch. 4ZA para 6(1): total debts "does not exceed the prescribed amount" (<=);
 *    paras 7(1) and 8(1) prescribe a "maximum amount of monthly surplus income" and a "maximum total value
 *    of property" (the Monetary Limits Order's words) (<=).
 *  - Insolvency (England and Wales) Rules 2016 r. 9.9(1)(a): ONE domestic motor vehicle is disregarded
 *    when it is specially adapted, or when its value "is less than" the prescribed amount (<, not <=).
 *    A vehicle worth exactly £4,000 is therefore NOT disregarded and counts as property (and alone
 *    exceeds the £2,000 property limit). Issue 16's "vehicle <= £4,000" is corrected here. Before 28 June
 *    2024 the disregard equalled the property limit, so a car worth exactly £2,000 and nothing else fitted.
 *
 * Periods encoded: from 1 October 2015 (the earliest encoded; limits before it are not), 29 June 2021
 * and 28 June 2024 for the limits; the DRO application fee until and from 6 April 2024.
 * Each version's source says what was read in the instrument itself and what only in secondary text.
 */
import { SYSTEM_ORG_ID } from '../../schema/tables';
import type { Logic, RuleRow, RuleSource } from '../engine';

const LEG = 'https://www.legislation.gov.uk';
export const DEBT_SOLUTION_SOURCES = {
  sch4za: {
    title:
      'Insolvency Act 1986, Schedule 4ZA (conditions for making a debt relief order), Part 1, as inserted by the Tribunals, Courts and Enforcement Act 2007, Sch. 18',
    url: `${LEG}/ukpga/1986/45/schedule/4ZA`,
    date: '2009-04-06',
    note: 'Read: para 1 (connection with England and Wales: domiciled, or in the last three years ordinarily resident, with a place of residence, or carrying on business there) and para 6(1) ("does not exceed the prescribed amount"). The paragraphs on earlier DROs and other insolvency procedures were not read in this session; their content is taken from the Insolvency Service guidance below.',
  },
  limits2015: {
    title:
      'Insolvency Proceedings (Monetary Limits) (Amendment) Order 2015: DRO debts £20,000, property £1,000 (surplus income £50 unchanged since S.I. 2009/465), from 1 October 2015',
    url: 'https://www.gov.uk/government/news/improved-help-for-people-struggling-with-problem-debt',
    date: '2015-10-01',
    note: 'Not read in the instrument: figures and date from the Insolvency Service/BIS press release (£15,000 to £20,000) and a law firm summary (Lexology); £50 surplus read in S.I. 2009/465 (legislation.gov.uk/uksi/2009/465/made); vehicle £1,000 from the explanatory note of S.I. 2021/672.',
  },
  limits2021: {
    title:
      'Insolvency Proceedings (Monetary Limits) (Amendment) Order 2021 (S.I. 2021/673), made 4 June 2021, in force 29 June 2021: DRO debts £30,000, monthly surplus income £75, property £2,000',
    url: `${LEG}/uksi/2021/673/made`,
    date: '2021-06-29',
    note: "In-force date 29 June 2021 read in the instrument's metadata (legislation.gov.uk); the three figures read in the Insolvency Service's announcement of the changes (republished by Parliament Today, 29 June 2021) and the Insolvency Practitioners Association's notice, not in the Order's schedule itself.",
  },
  vehicle2021: {
    title:
      'Insolvency (England and Wales) (Amendment) Rules 2021 (S.I. 2021/672): r. 9.9 vehicle disregard raised from £1,000 to £2,000, in force 29 June 2021',
    url: `${LEG}/uksi/2021/672/note/made`,
    date: '2021-06-29',
    note: "Figures read in the instrument's explanatory note; the date from the Insolvency Service's announcement (same day as S.I. 2021/673).",
  },
  limits2024: {
    title:
      'Insolvency Proceedings (Monetary Limits) (Amendment) Order 2024 (S.I. 2024/626): DRO debts £50,000 from 28 June 2024 (surplus £75 and property £2,000 unchanged)',
    url: 'https://www.gov.uk/guidance/debt-relief-orders-guidance-for-debt-advisers',
    date: '2024-06-28',
    note: 'The Insolvency Service\'s "Debt Relief Orders: Guidance for debt advisers" records on 28 June 2024 "the increase of the DRO eligibility threshold to £50,000 along with the increase in the single motor vehicle value to £4,000"; the S.I. numbers 2024/626 and 2024/622 are from Shelter\'s Specialist Debt Advice Service round-up (May 2024). The Order\'s own text was not available to read.',
  },
  vehicle2024: {
    title:
      'Insolvency (England and Wales) Rules 2016, r. 9.9(1)(a)(ii) as amended by S.I. 2024/622: vehicle disregarded if its maximum potential realisable value is less than £4,000, from 28 June 2024',
    url: `${LEG}/uksi/2016/1024/rule/9.9`,
    date: '2024-06-28',
    note: 'Wording "is less than [£4,000]" read in the revised rule on legislation.gov.uk; the date from the Insolvency Service guidance (28 June 2024 update).',
  },
  droFee: {
    title: 'Insolvency Service, "Debt Relief Orders: Guidance for debt advisers": the £90 DRO application fee ended on 6 April 2024 (Spring Budget 2024)',
    url: 'https://www.gov.uk/guidance/debt-relief-orders-guidance-for-debt-advisers',
    date: '2024-04-06',
    note: "Read in the guidance's update history (6 April 2024: 'the end of the £90 DRO application fee on 06 April 2024'); the amending fees instrument was not found. The £90 fee itself dates from S.I. 2009/645 (read in its explanatory note).",
  },
  bankruptcy: {
    title:
      'Insolvency Act 1986, Part IX Chapter A1 (bankruptcy application to an adjudicator); GOV.UK "Apply for bankruptcy": fee £680 (adjudicator fee £130 and deposit £550)',
    url: 'https://www.gov.uk/bankruptcy',
    date: '2016-04-06',
    note: "Fee amounts read only in advice-sector pages quoting GOV.UK (StepChange, Citizens Advice network), 2024-2025; the date the £680 total took effect was not found, so the fee is encoded only from 1 January 2024 (when it was observed). The unable-to-pay test is the adjudicator's (s. 263K, section number not re-read in this session).",
  },
  petition2015: {
    title: "Insolvency Act 1986 (Amendment) Order 2015: minimum debt for a creditor's bankruptcy petition raised from £750 to £5,000 from 1 October 2015",
    url: 'https://www.gov.uk/government/news/improved-help-for-people-struggling-with-problem-debt',
    date: '2015-10-01',
    note: 'Figure from the BIS/Insolvency Service press release; date from a law firm summary (Lexology). The Order itself was not read.',
  },
  iva: {
    title: 'Insolvency Act 1986, Part VIII (individual voluntary arrangements): a proposal to creditors to pay debts in full or in part over time',
    url: 'https://www.insolvencydirect.bis.gov.uk/casehelpmanual/I/IndividualVoluntaryArrangements.htm',
    date: '2003-01-01',
    note: 'No statutory minimum debt or income exists; "something to offer" (surplus income or assets) is how the Insolvency Service\'s case help manual describes an arrangement, not a statutory test. Creditor approval thresholds were not verified and are not encoded.',
  },
  dmp: {
    title: 'GOV.UK, "Options for paying off your debts: Debt Management Plans": an informal agreement to pay unsecured debts; creditors need not agree',
    url: 'https://www.gov.uk/options-for-paying-off-your-debts/debt-management-plans',
    date: '2014-01-01',
    note: 'Read in a copy of the GOV.UK page; a DMP is not statutory, so its criteria are practice: a surplus after priority debts and at least one non-priority (unsecured) debt.',
  },
} satisfies Record<string, RuleSource>;

/** A deterministic id per rule version, apart from the CRS (…-9001-…) and FSW (…-9000-…) ids. */
function stableId(key: string): string {
  const fnv = (seed: number) => {
    let h = seed;
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  };
  const hex = (fnv(0x811c9dc5).toString(16).padStart(8, '0') + fnv(0x01000193).toString(16).padStart(8, '0')).slice(0, 12);
  return `00000000-0000-4000-9002-${hex}`;
}

const at = (day: string) => `${day}T00:00:00.000Z`;
const v = (path: string) => ({ var: path });
const cat = (...parts: unknown[]) => ({ cat: parts });
/** Pence as "£1234.56" (or "-£12.30") inside JSON Logic text: whole pounds and the pence, both from integers. */
const unsignedPounds = (e: unknown) =>
  cat('£', { '/': [{ '-': [e, { '%': [e, 100] }] }, 100] }, '.', { if: [{ '<': [{ '%': [e, 100] }, 10] }, '0', ''] }, { '%': [e, 100] });
const pounds = (e: unknown) => ({ if: [{ '<': [e, 0] }, cat('-', unsignedPounds({ '*': [e, -1] })), unsignedPounds(e)] });
/** A limit in whole pounds for labels: 5000000 -> "£50,000". */
const gbp = (pence: number) => `£${String(pence / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

interface Version {
  rule_id: string;
  pack: string;
  kind: 'requirement' | 'points';
  group: string;
  factor: string;
  label: string;
  version: number;
  from: string;
  until?: string;
  conditions?: Logic;
  points?: Logic;
  unmet?: string;
  explain: Logic;
  source: RuleSource;
  section: string;
}

function rule(r: Version): RuleRow & { org_id: string } {
  return {
    id: stableId(`${r.rule_id}@${r.version}`),
    org_id: SYSTEM_ORG_ID,
    rule_id: r.rule_id,
    version: r.version,
    rule_category: r.pack,
    effective_from: at(r.from),
    effective_until: r.until ? at(r.until) : null,
    source_url: r.source.url,
    source_section: r.section,
    rule_json: { pack: r.pack, kind: r.kind, group: r.group, factor: r.factor, label: r.label, explain: r.explain, asOf: r.from, source: r.source },
    conditions_json: r.conditions ?? {},
    effects_json: r.kind === 'points' ? { points: r.points } : { unmet: r.unmet ?? r.label },
  };
}

const D2015 = '2015-10-01';
const D2021 = '2021-06-29';
const D2024 = '2024-06-28';
const FEE_END = '2024-04-06';

/** DRO debts limit per period: [version, from, until, max pence, source]. */
const DRO_DEBTS: Array<[number, string, string | undefined, number, RuleSource]> = [
  [1, D2015, D2021, 2_000_000, DEBT_SOLUTION_SOURCES.limits2015],
  [2, D2021, D2024, 3_000_000, DEBT_SOLUTION_SOURCES.limits2021],
  [3, D2024, undefined, 5_000_000, DEBT_SOLUTION_SOURCES.limits2024],
];
const DRO_SURPLUS: Array<[number, string, string | undefined, number, RuleSource]> = [
  [1, D2015, D2021, 5_000, DEBT_SOLUTION_SOURCES.limits2015],
  [2, D2021, undefined, 7_500, DEBT_SOLUTION_SOURCES.limits2021],
];
const DRO_PROPERTY: Array<[number, string, string | undefined, number, RuleSource]> = [
  [1, D2015, D2021, 100_000, DEBT_SOLUTION_SOURCES.limits2015],
  [2, D2021, undefined, 200_000, DEBT_SOLUTION_SOURCES.limits2021],
];
/** [version, from, until, vehicle disregarded below (pence), property max (pence) the vehicle then counts towards, source]. */
const DRO_VEHICLE: Array<[number, string, string | undefined, number, number, RuleSource]> = [
  [1, D2015, D2021, 100_000, 100_000, DEBT_SOLUTION_SOURCES.limits2015],
  [2, D2021, D2024, 200_000, 200_000, DEBT_SOLUTION_SOURCES.vehicle2021],
  [3, D2024, undefined, 400_000, 200_000, DEBT_SOLUTION_SOURCES.vehicle2024],
];

const dro = (r: Omit<Version, 'pack' | 'group'>) => rule({ ...r, pack: 'dro_ew', group: r.kind === 'points' ? 'fee' : 'criteria' });

const droRules = [
  ...DRO_DEBTS.map(([version, from, until, max, source]) =>
    dro({
      rule_id: 'dro_ew.debts',
      kind: 'requirement',
      factor: 'debts',
      label: `Total qualifying debts at most ${gbp(max)}`,
      version,
      from,
      until,
      conditions: { '<=': [v('totalDebtsPence'), max] },
      unmet: `total qualifying debts are above the DRO limit of ${gbp(max)}`,
      explain: cat('total qualifying debts ', pounds(v('totalDebtsPence')), `; limit ${gbp(max)}`),
      source,
      section: 'Insolvency Act 1986 Sch. 4ZA para 6(1); Insolvency Proceedings (Monetary Limits) Order 1986, Sch. Part 2',
    }),
  ),
  ...DRO_SURPLUS.map(([version, from, until, max, source]) =>
    dro({
      rule_id: 'dro_ew.surplus',
      kind: 'requirement',
      factor: 'surplus',
      label: `Monthly surplus income at most ${gbp(max)}`,
      version,
      from,
      until,
      conditions: { '<=': [v('monthlySurplusPence'), max] },
      unmet: `monthly surplus income is above the DRO limit of ${gbp(max)}`,
      explain: cat('monthly surplus ', pounds(v('monthlySurplusPence')), `; limit ${gbp(max)}`),
      source,
      section: 'Insolvency Act 1986 Sch. 4ZA para 7(1); Insolvency Proceedings (Monetary Limits) Order 1986, Sch. Part 2',
    }),
  ),
  ...DRO_PROPERTY.map(([version, from, until, max, source]) =>
    dro({
      rule_id: 'dro_ew.property',
      kind: 'requirement',
      factor: 'property',
      label: `Property (savings and things of value, other than one disregarded vehicle) at most ${gbp(max)}`,
      version,
      from,
      until,
      conditions: { '<=': [v('assetsPence'), max] },
      unmet: `property other than a vehicle is above the DRO limit of ${gbp(max)}`,
      explain: cat('property other than a vehicle ', pounds(v('assetsPence')), `; limit ${gbp(max)}`),
      source,
      section: 'Insolvency Act 1986 Sch. 4ZA para 8(1); Insolvency (England and Wales) Rules 2016 r. 9.8',
    }),
  ),
  ...DRO_VEHICLE.map(([version, from, until, below, propertyMax, source]) =>
    dro({
      rule_id: 'dro_ew.vehicle',
      kind: 'requirement',
      factor: 'vehicle',
      label: `One vehicle is disregarded if adapted for a disability or worth less than ${gbp(below)}; otherwise it counts as property`,
      version,
      from,
      until,
      // Met when there is no vehicle, it is disregarded, or (not disregarded) it still fits under the property limit.
      conditions: {
        or: [
          { '<=': [v('vehiclePence'), 0] },
          v('vehicleAdapted'),
          { '<': [v('vehiclePence'), below] },
          { '<=': [{ '+': [v('assetsPence'), v('vehiclePence')] }, propertyMax] },
        ],
      },
      unmet: `the vehicle is worth ${gbp(below)} or more and is not adapted, so it counts as property and takes property over the DRO limit`,
      explain: {
        if: [
          { '<=': [v('vehiclePence'), 0] },
          'no vehicle',
          v('vehicleAdapted'),
          cat('vehicle ', pounds(v('vehiclePence')), ' is adapted for a disability: disregarded'),
          { '<': [v('vehiclePence'), below] },
          cat('vehicle ', pounds(v('vehiclePence')), ` is under ${gbp(below)}: disregarded`),
          cat('vehicle ', pounds(v('vehiclePence')), ` is not under ${gbp(below)}: it counts as property`),
        ],
      },
      source,
      section: 'Insolvency (England and Wales) Rules 2016 r. 9.9(1)(a)',
    }),
  ),
  dro({
    rule_id: 'dro_ew.connection',
    kind: 'requirement',
    factor: 'connection',
    label: 'Domiciled in England and Wales, or lived or carried on business there in the last three years',
    version: 1,
    from: D2015,
    conditions: v('connectedToEnglandWales'),
    unmet: 'no connection with England and Wales in the last three years',
    explain: { if: [v('connectedToEnglandWales'), 'connected with England and Wales', 'not connected with England and Wales'] },
    source: DEBT_SOLUTION_SOURCES.sch4za,
    section: 'Insolvency Act 1986 Sch. 4ZA para 1',
  }),
  dro({
    rule_id: 'dro_ew.unable_to_pay',
    kind: 'requirement',
    factor: 'unableToPay',
    label: 'Unable to pay debts as they fall due',
    version: 1,
    from: D2015,
    conditions: v('unableToPay'),
    unmet: 'the client is able to pay their debts',
    explain: { if: [v('unableToPay'), 'unable to pay debts', 'able to pay debts'] },
    source: DEBT_SOLUTION_SOURCES.sch4za,
    section: 'Insolvency Act 1986 s. 251C (official receiver satisfied the debtor is unable to pay debts)',
  }),
  dro({
    rule_id: 'dro_ew.no_recent_dro',
    kind: 'requirement',
    factor: 'noRecentDro',
    label: 'No debt relief order in the last six years',
    version: 1,
    from: D2015,
    conditions: { '!': v('droInLastSixYears') },
    unmet: 'a debt relief order was made in the last six years',
    explain: { if: [v('droInLastSixYears'), 'a DRO in the last six years', 'no DRO in the last six years'] },
    source: DEBT_SOLUTION_SOURCES.sch4za,
    section: 'Insolvency Act 1986 Sch. 4ZA Part 1 (paragraph not re-read)',
  }),
  dro({
    rule_id: 'dro_ew.no_other_procedure',
    kind: 'requirement',
    factor: 'noOtherProcedure',
    label: 'Not in another formal insolvency procedure (bankruptcy, IVA, pending petition, restrictions order)',
    version: 1,
    from: D2015,
    conditions: { '!': v('inOtherInsolvency') },
    unmet: 'the client is in another formal insolvency procedure',
    explain: { if: [v('inOtherInsolvency'), 'in another insolvency procedure', 'in no other insolvency procedure'] },
    source: DEBT_SOLUTION_SOURCES.sch4za,
    section: 'Insolvency Act 1986 Sch. 4ZA Part 1 (paragraphs not re-read)',
  }),
  dro({
    rule_id: 'dro_ew.fee',
    kind: 'points',
    factor: 'applicationFee',
    label: 'DRO application fee (pence)',
    version: 1,
    from: D2015,
    until: FEE_END,
    points: 9_000,
    explain: 'application fee £90',
    source: DEBT_SOLUTION_SOURCES.droFee,
    section: 'Insolvency Proceedings (Fees) Order: DRO application fee',
  }),
  dro({
    rule_id: 'dro_ew.fee',
    kind: 'points',
    factor: 'applicationFee',
    label: 'DRO application fee (pence)',
    version: 2,
    from: FEE_END,
    points: 0,
    explain: 'no application fee from 6 April 2024',
    source: DEBT_SOLUTION_SOURCES.droFee,
    section: 'Insolvency Proceedings (Fees) Order: DRO application fee removed',
  }),
];

const bankruptcyRules = [
  rule({
    rule_id: 'bankruptcy_ew.unable_to_pay',
    pack: 'bankruptcy_ew',
    kind: 'requirement',
    group: 'criteria',
    factor: 'unableToPay',
    label: 'Unable to pay debts (the adjudicator must be satisfied of this)',
    version: 1,
    from: D2015,
    conditions: v('unableToPay'),
    unmet: 'the client is able to pay their debts',
    explain: { if: [v('unableToPay'), 'unable to pay debts', 'able to pay debts'] },
    source: DEBT_SOLUTION_SOURCES.bankruptcy,
    section: 'Insolvency Act 1986 s. 263K (determination of a bankruptcy application)',
  }),
  rule({
    rule_id: 'bankruptcy_ew.connection',
    pack: 'bankruptcy_ew',
    kind: 'requirement',
    group: 'criteria',
    factor: 'connection',
    label: 'Domiciled in England and Wales, or lived or carried on business there in the last three years',
    version: 1,
    from: D2015,
    conditions: v('connectedToEnglandWales'),
    unmet: 'no connection with England and Wales in the last three years',
    explain: { if: [v('connectedToEnglandWales'), 'connected with England and Wales', 'not connected with England and Wales'] },
    source: DEBT_SOLUTION_SOURCES.bankruptcy,
    section: 'Insolvency Act 1986 s. 263I (section number not re-read)',
  }),
  rule({
    rule_id: 'bankruptcy_ew.fee',
    pack: 'bankruptcy_ew',
    kind: 'points',
    group: 'fee',
    factor: 'applicationFee',
    label: "Debtor's application fee and deposit (pence)",
    version: 1,
    from: '2024-01-01',
    points: 68_000,
    explain: '£680: adjudicator fee £130 and deposit £550',
    source: DEBT_SOLUTION_SOURCES.bankruptcy,
    section: 'Insolvency Proceedings (Fees) Order 2016: adjudicator fee and official receiver deposit',
  }),
  rule({
    rule_id: 'bankruptcy_ew.creditor_petition_minimum',
    pack: 'bankruptcy_ew',
    kind: 'points',
    group: 'threshold',
    factor: 'creditorPetitionMinimum',
    label: "Smallest debt on which a creditor may petition for the client's bankruptcy (pence)",
    version: 1,
    from: D2015,
    points: 500_000,
    explain: 'a creditor owed £5,000 or more may petition',
    source: DEBT_SOLUTION_SOURCES.petition2015,
    section: 'Insolvency Act 1986 s. 267(4) bankruptcy level',
  }),
];

const ivaRules = [
  rule({
    rule_id: 'iva_ew.something_to_offer',
    pack: 'iva_ew',
    kind: 'requirement',
    group: 'criteria',
    factor: 'somethingToOffer',
    label: 'Something to offer creditors: a monthly surplus or assets',
    version: 1,
    from: D2015,
    conditions: { or: [{ '>': [v('monthlySurplusPence'), 0] }, { '>': [v('assetsPence'), 0] }] },
    unmet: 'no surplus income and no assets to offer creditors',
    explain: cat('monthly surplus ', pounds(v('monthlySurplusPence')), ', assets ', pounds(v('assetsPence'))),
    source: DEBT_SOLUTION_SOURCES.iva,
    section: 'Insolvency Act 1986 Part VIII (practice, not a statutory test)',
  }),
  rule({
    rule_id: 'iva_ew.unable_to_pay',
    pack: 'iva_ew',
    kind: 'requirement',
    group: 'criteria',
    factor: 'unableToPay',
    label: 'Unable to pay debts in full as they fall due',
    version: 1,
    from: D2015,
    conditions: v('unableToPay'),
    unmet: 'the client is able to pay their debts',
    explain: { if: [v('unableToPay'), 'unable to pay debts', 'able to pay debts'] },
    source: DEBT_SOLUTION_SOURCES.iva,
    section: 'Insolvency Act 1986 Part VIII',
  }),
];

const dmpRules = [
  rule({
    rule_id: 'dmp.surplus_after_priority',
    pack: 'dmp',
    kind: 'requirement',
    group: 'criteria',
    factor: 'surplusAfterPriority',
    label: 'A surplus left after priority debts are paid',
    version: 1,
    from: D2015,
    conditions: { '>': [v('availableForNonPriorityPence'), 0] },
    unmet: 'nothing is left for non-priority creditors after priority debts',
    explain: cat('left for non-priority creditors ', pounds(v('availableForNonPriorityPence'))),
    source: DEBT_SOLUTION_SOURCES.dmp,
    section: 'practice (a DMP is not statutory)',
  }),
  rule({
    rule_id: 'dmp.non_priority_debts',
    pack: 'dmp',
    kind: 'requirement',
    group: 'criteria',
    factor: 'nonPriorityDebts',
    label: 'At least one non-priority (unsecured) debt to include',
    version: 1,
    from: D2015,
    conditions: { '>': [v('nonPriorityDebtCount'), 0] },
    unmet: 'no non-priority debts to include in a plan',
    explain: cat(v('nonPriorityDebtCount'), ' non-priority debt(s)'),
    source: DEBT_SOLUTION_SOURCES.dmp,
    section: 'GOV.UK: DMPs can only be used to pay unsecured debts',
  }),
];

export const DEBT_SOLUTION_PACKS = ['dro_ew', 'bankruptcy_ew', 'iva_ew', 'dmp'] as const;
export type DebtSolutionPack = (typeof DEBT_SOLUTION_PACKS)[number];

export const DEBT_SOLUTION_RULES: RuleRow[] = [...droRules, ...bankruptcyRules, ...ivaRules, ...dmpRules];
