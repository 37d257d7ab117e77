/**
 * The rules page's arrangement of rule versions, kept pure so it is tested without a window: which
 * version of each rule is in force on a day (the same choice the engine makes, `selectInForce`), which
 * versions are history (ended, or replaced by a higher version) and which are scheduled (not yet in
 * force); then grouped by pack and by factor group, in the packs' own order, and filtered by words.
 */
import { inForce, type RuleRow } from './engine';

/** One approved rule version as the page lists it (the contract's `rules.list` line). */
export interface RuleBookLine {
  ruleId: string;
  version: number;
  pack: string;
  group: string;
  factor: string;
  from: string;
  until: string | null;
}

export type RuleStanding = 'inForce' | 'history' | 'scheduled';

/** Each version's standing on `today` ("YYYY-MM-DD"): one version per rule id is in force at most. */
export function standingOf<L extends RuleBookLine>(lines: L[], today: string): Map<L, RuleStanding> {
  const asRow = (l: L) => ({ effective_from: l.from, effective_until: l.until }) as unknown as RuleRow;
  const best = new Map<string, L>();
  for (const l of lines) {
    if (!inForce(asRow(l), today)) continue;
    const cur = best.get(l.ruleId);
    if (!cur || l.version > cur.version) best.set(l.ruleId, l);
  }
  const out = new Map<L, RuleStanding>();
  for (const l of lines) out.set(l, best.get(l.ruleId) === l ? 'inForce' : l.from.slice(0, 10) > today ? 'scheduled' : 'history');
  return out;
}

export interface RuleGroup<L> {
  group: string;
  lines: L[];
}
export interface RulePack<L> {
  pack: string;
  groups: Array<RuleGroup<L>>;
  count: number;
}

/**
 * Lines grouped by pack, then by group, in the order they first appear (the packs list their rules in
 * the order of the published grids); inside a rule id, versions newest first.
 */
export function groupRules<L extends RuleBookLine>(lines: L[]): Array<RulePack<L>> {
  const packs = new Map<string, Map<string, L[]>>();
  for (const l of lines) {
    const groups = packs.get(l.pack) ?? packs.set(l.pack, new Map()).get(l.pack)!;
    (groups.get(l.group) ?? groups.set(l.group, []).get(l.group)!).push(l);
  }
  return [...packs].map(([pack, groups]) => {
    const gs = [...groups].map(([group, ls]) => {
      const firstSeen = new Map<string, number>();
      ls.forEach((l, i) => firstSeen.has(l.ruleId) || firstSeen.set(l.ruleId, i));
      return { group, lines: [...ls].sort((a, b) => firstSeen.get(a.ruleId)! - firstSeen.get(b.ruleId)! || b.version - a.version) };
    });
    return { pack, groups: gs, count: gs.reduce((n, g) => n + g.lines.length, 0) };
  });
}

/** Folds case and accents so "francais" finds "Français" and "etudes" finds "études". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * The lines whose words contain every word of the query: `words(line)` gives what the person sees for
 * it (its name, pack and group in their language, its id, its source), so a search finds what is shown.
 */
export function filterRules<L>(lines: L[], query: string, words: (line: L) => string): L[] {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  if (!terms.length) return lines;
  return lines.filter((l) => {
    const hay = fold(words(l));
    return terms.every((t) => hay.includes(t));
  });
}
