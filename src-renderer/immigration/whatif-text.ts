/**
 * A what-if improvement in the window's language: the rules engine gives each one a message key and
 * values (src-shared/rules/whatif.ts); abilities and education levels are codes the window names.
 * Advice without a message (an older core) keeps the engine's English description.
 */
import type { TFunction } from 'i18next';
import type { Improvement } from '../../src-shared/rules/whatif';

export function whatIfText(i: Pick<Improvement, 'description'> & { message?: Improvement['message'] }, t: TFunction): string {
  if (!i.message) return i.description;
  const v: Record<string, string | number> = { ...i.message.values };
  if (typeof v.ability === 'string') v.ability = t(`crs.${v.ability}`).toLowerCase();
  for (const k of ['from', 'to'] as const) if (typeof v[k] === 'string') v[k] = t(`education.${v[k]}`);
  return t(`whatif.${i.message.key}`, { ...v, defaultValue: i.description });
}
