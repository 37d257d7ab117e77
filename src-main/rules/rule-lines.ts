/**
 * The rules page's list: every approved rule version this vault uses (the system packs and the firm's
 * own), with what the page groups and searches by (pack, group, factor) and the source that made it law.
 */
import type { RuleLine } from '../../src-shared/contract/views';
import type { Core } from '../core/core';
import { BUILT_IN_RULES } from '../../src-shared/rules/calculators';
import { loadRules } from './rules-store';

// The packs list their rules in the order of the published grids (core before spouse before
// transferability ...); the page keeps that order, whatever order the vault stores rows in.
const GRID_ORDER = new Map<string, number>();
BUILT_IN_RULES.forEach((r, i) => GRID_ORDER.has(r.rule_id) || GRID_ORDER.set(r.rule_id, i));
const place = (ruleId: string) => GRID_ORDER.get(ruleId) ?? Number.MAX_SAFE_INTEGER;

export function ruleLines(core: Core): RuleLine[] {
  const rules = loadRules(core).sort((a, b) => place(a.rule_id) - place(b.rule_id) || a.rule_id.localeCompare(b.rule_id) || a.version - b.version);
  return rules.map((r) => {
    const src = r.rule_json.source;
    return {
      ruleId: r.rule_id,
      version: r.version,
      category: r.rule_category,
      label: r.rule_json.label,
      pack: r.rule_json.pack,
      kind: r.rule_json.kind,
      group: r.rule_json.group,
      factor: r.rule_json.factor,
      from: r.effective_from.slice(0, 10),
      until: r.effective_until?.slice(0, 10) ?? null,
      source: src
        ? { title: src.title, url: src.url, date: src.date }
        : r.source_url
          ? { title: r.source_section ?? r.source_url, url: r.source_url, date: null }
          : null,
    };
  });
}
