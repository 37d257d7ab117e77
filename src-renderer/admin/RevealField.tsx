/**
 * Reveal a masked value (•••••123) with a reason (issue 14): a button beside the masked value opens a
 * reason field; the firm server checks the role, records the reveal with the reason, and answers the
 * value, which is shown here until the page changes and is never stored (policy.reveal).
 */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MASK_PREFIX } from '../../src-shared/policy/classification';
import { ErrorNote } from '../app/ui';
import { call } from '../app/api';

/** Does this value carry the server's mask (so there is something to reveal)? */
export const isMasked = (v: unknown) => typeof v === 'string' && v.startsWith(MASK_PREFIX);

export function RevealField({ table, id, field, value, label }: { table: string; id: string; field: string; value: string; label: string }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const reveal = useMutation({ mutationFn: () => call('policy.reveal', { table, id, field, reason }) });
  if (reveal.data) return <span data-testid="revealed-value">{reveal.data.value ?? ''}</span>;
  return (
    <span className="reveal">
      <span data-testid="masked-value">{value}</span>{' '}
      {!asking && (
        <button type="button" onClick={() => setAsking(true)} aria-label={`${t('console.reveal')}: ${label}`}>
          {t('console.reveal')}
        </button>
      )}
      {asking && (
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            reveal.mutate();
          }}
        >
          <label>
            {t('console.revealReason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} maxLength={500} />
          </label>
          <button type="submit" disabled={reveal.isPending}>
            {t('console.revealAsk')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('console.revealCancel')}
          </button>
          <span className="muted small">{t('console.revealNote')}</span>
          <ErrorNote error={reveal.error} />
        </form>
      )}
    </span>
  );
}
