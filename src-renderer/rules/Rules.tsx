/**
 * The rules page: what is in force today, the history (ended, replaced and scheduled versions), the
 * proposals waiting for review and the law the rules cite, each on its own tab. Rules are grouped by
 * program and factor group and found by words in the window's language (src-shared/rules/rule-book.ts
 * decides which version is in force, as the engine does).
 */
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RuleLine } from '../../src-shared/contract/views';
import { filterRules, groupRules, standingOf, type RuleStanding } from '../../src-shared/rules/rule-book';
import { call } from '../app/api';
import { Empty, ErrorNote, tabStripKeys } from '../app/ui';
import { useLabels, type Labels } from '../app/labels';
import { formatDate } from '../app/format';
import { RuleProposals } from './RuleProposals';
import { Law } from './Law';

const TABS = ['inForce', 'history', 'proposals', 'law'] as const;
type Tab = (typeof TABS)[number];

const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function Rules() {
  const { t } = useTranslation();
  const L = useLabels();
  const [tab, setTab] = useState<Tab>('inForce');
  const [query, setQuery] = useState('');
  const q = useQuery({ queryKey: ['rules'], queryFn: () => call('rules.list', {}) });
  const proposals = useQuery({ queryKey: ['rules', 'proposals'], queryFn: () => call('rules.proposals', {}) });
  const pending = (proposals.data ?? []).filter((p) => p.status === 'pending').length;
  const today = todayIso();
  const standing = useMemo(() => standingOf(q.data ?? [], today), [q.data, today]);
  const count = (s: RuleStanding | 'past') => (q.data ?? []).filter((l) => (s === 'past' ? standing.get(l) !== 'inForce' : standing.get(l) === s)).length;
  const tabCount: Record<Tab, number | null> = { inForce: count('inForce'), history: count('past'), proposals: pending, law: null };
  return (
    <section>
      <h1>{t('rulesPage.title')}</h1>
      <div role="tablist" aria-label={t('rulesPage.title')} className="tabs" onKeyDown={tabStripKeys(TABS, tab, setTab, (x) => `rules-tab-${x}`)}>
        {TABS.map((x) => (
          <button
            key={x}
            role="tab"
            type="button"
            id={`rules-tab-${x}`}
            aria-selected={tab === x}
            aria-controls={`rules-panel-${x}`}
            tabIndex={tab === x ? 0 : -1}
            onClick={() => setTab(x)}
          >
            {t(`rulesPage.${x}`)}
            {tabCount[x] !== null && q.data && <span className="muted small"> ({tabCount[x]})</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`rules-panel-${tab}`} aria-labelledby={`rules-tab-${tab}`} className="panel">
        <ErrorNote error={q.error} />
        {(tab === 'inForce' || tab === 'history') && (
          <>
            <p className="muted">{t(tab === 'inForce' ? 'rulesPage.intro' : 'rulesPage.historyIntro')}</p>
            <label className="rule-search">
              {t('rulesPage.filter')}
              <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('rulesPage.filterPlaceholder')} />
            </label>
            <RuleBook lines={(q.data ?? []).filter((l) => (tab === 'inForce') === (standing.get(l) === 'inForce'))} standing={standing} query={query} L={L} />
          </>
        )}
        {tab === 'proposals' && <RuleProposals />}
        {tab === 'law' && <Law />}
      </div>
    </section>
  );
}

/** What a person can search a rule by: what the page shows for it, plus its id and source. */
function wordsOf(l: RuleLine, L: Labels): string {
  return [L.rule(l.ruleId, l.label), L.pack(l.pack), L.ruleGroup(l.group), l.ruleId, l.factor, l.source?.title ?? ''].join(' ');
}

function RuleBook({ lines, standing, query, L }: { lines: RuleLine[]; standing: Map<RuleLine, RuleStanding>; query: string; L: Labels }) {
  const { t, i18n } = useTranslation();
  const shown = filterRules(lines, query, (l) => wordsOf(l, L));
  const packs = groupRules(shown);
  const day = (iso: string) => formatDate(iso, i18n.language);
  const when = (l: RuleLine) => {
    if (standing.get(l) === 'scheduled') return t('rulesPage.scheduled', { date: day(l.from) });
    if (l.until) return t('rulesPage.between', { from: day(l.from), until: day(l.until) });
    return t('rulesPage.since', { date: day(l.from) });
  };
  return (
    <div data-testid="rule-book">
      <p className="muted small" role="status">
        {t('rulesPage.count', { count: shown.length })}
      </p>
      {!shown.length && <Empty>{t('rulesPage.none')}</Empty>}
      {/* The first program open and the others folded, so the page starts short; a search opens all that match. */}
      {packs.map((p, i) => (
        <details key={`${p.pack}:${query.trim() ? 'q' : ''}`} className="card rule-pack" open={i === 0 || Boolean(query.trim())} data-testid="rule-pack">
          <summary>
            <h2>
              {L.pack(p.pack)} <span className="muted small">· {t('rulesPage.count', { count: p.count })}</span>
            </h2>
          </summary>
          {p.groups.map((g) => (
            <div key={g.group} className="rule-group">
              <h3>{L.ruleGroup(g.group)}</h3>
              <ul className="plain rule-lines">
                {g.lines.map((l) => (
                  <li key={`${l.ruleId}@${l.version}`} data-testid="rule-line">
                    <span className="rule-name">{L.rule(l.ruleId, l.label)}</span>
                    <span className="muted small rule-when">
                      {when(l)}
                      {standing.get(l) === 'history' && !l.until && ` · ${t('rulesPage.ended')}`}
                      {l.version > 1 && ` · ${t('rulesPage.version', { version: l.version })}`}
                    </span>
                    {l.source && (
                      <span className="muted small rule-source" title={`${l.source.title}\n${l.source.url}`}>
                        {t('rulesPage.source')}: {l.source.title}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </details>
      ))}
    </div>
  );
}
