/**
 * The licence banner at the top of every screen (issue 15): the grace period counting down, read-only
 * said in words with what still works, a licence that is not valid with its reason, the trial's last
 * days. Nothing when the licence is valid.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';

const DAY = 86_400_000;
const daysUntil = (iso: string | null, at: string) => (iso ? Math.max(0, Math.ceil((Date.parse(iso) - Date.parse(at)) / DAY)) : 0);

export function LicenceBanner() {
  const { t } = useTranslation();
  const lic = useQuery({ queryKey: ['license'], queryFn: () => call('license.status', {}), refetchInterval: 60 * 60_000 });
  const s = lic.data;
  if (!s || s.state === 'valid') return null;
  let text: string;
  if (s.state === 'grace') text = t('console.bannerGrace', { count: daysUntil(s.graceUntil, s.at) });
  else if (s.state === 'read_only') text = t('console.bannerReadOnly');
  else if (s.state === 'invalid') text = t('console.bannerInvalid', { reason: s.reason ?? '' });
  else {
    const left = daysUntil(s.until, s.at);
    if (!s.until || left > 7) return null; // a trial is mentioned in its last week only
    text = t('console.bannerTrial', { count: left });
  }
  return (
    <p className={s.state === 'read_only' || s.state === 'invalid' ? 'error' : 'badge warn'} role="status" data-testid="licence-banner">
      {text}
    </p>
  );
}
