/**
 * The rules page's list: every approved rule version this vault uses (the system packs and the firm's
 * own), with what the page groups and searches by (pack, group, factor) and the source that made it law.
 */
import type { RuleLine } from '../../src-shared/contract/views';
import type { Core } from '../core/core';
import { loadRules } from './rules-store';

export function ruleLines(core: Core): RuleLine[] {
  return loadRules(core).map((r) => {
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
