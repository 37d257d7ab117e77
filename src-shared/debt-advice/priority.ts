/**
 * Priority and non-priority debts. Priority debts are those whose non-payment can cost the client their
 * home, their liberty, their energy supply or essential goods (council tax, rent, mortgage and secured
 * loans, energy, magistrates' court fines, child maintenance, income tax and VAT, TV licence, hire
 * purchase of essential goods); they are dealt with before any offer to a non-priority creditor. The
 * classification is derived from the debt type, and an adviser may override it only with a reason, which
 * is kept beside the result (e.g. hire purchase of a car the client does not need for work).
 */
export const DEBT_TYPES = {
  council_tax: true,
  rent: true,
  mortgage: true,
  secured_loan: true,
  energy: true,
  magistrates_fine: true,
  child_maintenance: true,
  income_tax_vat: true,
  tv_licence: true,
  hire_purchase: true,
  water: false,
  credit_card: false,
  store_card: false,
  personal_loan: false,
  overdraft: false,
  catalogue: false,
  payday_loan: false,
  buy_now_pay_later: false,
  telephone_broadband: false,
  benefit_overpayment: false,
  tax_credit_overpayment: false,
  student_loan: false,
  parking_penalty: false,
  friends_family: false,
  other: false,
} as const satisfies Record<string, boolean>;
export type DebtType = keyof typeof DEBT_TYPES;
export const DEBT_TYPE_NAMES = Object.keys(DEBT_TYPES) as DebtType[];

export const MIN_OVERRIDE_REASON = 10;

export interface PriorityOverride {
  priority: boolean;
  reason: string;
}

export interface Classification {
  priority: boolean;
  /** What the debt type alone says. */
  byType: boolean;
  source: 'type' | 'override';
  reason: string;
}

export class ClassificationError extends Error {}

export function priorityOfType(type: DebtType): boolean {
  if (!Object.hasOwn(DEBT_TYPES, type)) throw new ClassificationError(`unknown debt type "${String(type)}"; one of ${DEBT_TYPE_NAMES.join(', ')}`);
  return DEBT_TYPES[type];
}

/** Priority from the type, unless overridden with a reason of at least MIN_OVERRIDE_REASON characters. */
export function classifyDebt(type: DebtType, override?: PriorityOverride | null): Classification {
  const byType = priorityOfType(type);
  if (!override || override.priority === byType) {
    return { priority: byType, byType, source: 'type', reason: `${type.replace(/_/g, ' ')} is ${byType ? 'a priority' : 'a non-priority'} debt` };
  }
  const reason = (override.reason ?? '').trim();
  if (reason.length < MIN_OVERRIDE_REASON)
    throw new ClassificationError(`overriding the priority of a ${type.replace(/_/g, ' ')} debt needs a reason (at least ${MIN_OVERRIDE_REASON} characters)`);
  return { priority: override.priority, byType, source: 'override', reason };
}
