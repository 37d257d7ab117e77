/** The one search box over cases, people, documents and law (Ctrl/Cmd+K). */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { Empty, ErrorNote, Snippet } from '../app/ui';

export function Search() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => box.current?.focus(), []);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 150);
    return () => clearTimeout(h);
  }, [q]);
  const r = useQuery({
    queryKey: ['search', debounced],
    queryFn: () => call('search.query', { q: debounced, limit: 50 }),
    enabled: debounced.length > 0,
  });
  return (
    <section>
      <h1>{t('search.title')}</h1>
      <input
        ref={box}
        type="search"
        className="big"
        placeholder={t('search.placeholder')}
        aria-label={t('search.title')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {r.data?.reason && <p className="muted small">{t('search.lexicalOnly')}</p>}
      <ErrorNote error={r.error} />
      {r.data && !r.data.hits.length && <Empty>{t('search.none')}</Empty>}
      <ul className="hits" aria-label={t('search.results')}>
        {r.data?.hits.map((h) => (
          <li key={`${h.kind}:${h.id}`}>
            <span className={`badge k-${h.kind}`}>{t(`search.kind.${h.kind}`)}</span>{' '}
            {h.caseId ? <Link to={`/cases/${h.caseId}`}>{h.title}</Link> : <strong>{h.title}</strong>}
            {h.caseId && (h.client || h.caseNumber) && h.kind !== 'case' ? (
              <span className="context" data-testid="hit-context">
                {' '}
                · {t('context.onCase', { client: h.client ?? '', number: h.caseNumber ?? '' })}
              </span>
            ) : null}
            <div className="muted">
              <Snippet text={h.snippet} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
