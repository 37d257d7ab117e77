/** Small shared pieces: highlighted snippets (parsed, never injected as HTML), errors, progress. */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import { errorText } from './api';
import { dayFirst, formatDateTime, monthNames } from './format';
import type { FieldErrors } from './validation';

/** Renders "a [[hit]] b" with <mark> around hits; the text is React text, so nothing is HTML. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[\[[^\]]*\]\])/g);
  return (
    <span className="snippet">
      {parts.map((p, i) => (p.startsWith('[[') && p.endsWith(']]') ? <mark key={i}>{p.slice(2, -2)}</mark> : <span key={i}>{p}</span>))}
    </span>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {errorText(error, t)}
    </p>
  );
}

export function Progress({ value, label }: { value: number; label: string }) {
  return <progress className="progress" max={100} value={Math.round(value * 100)} aria-label={label} />;
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A picked or dropped file's bytes as base64, for the contract (which carries JSON). */
export async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A stored date or timestamp as every list shows it, in the window's language (format.ts), or a dash. */
export const when = (v: unknown) => formatDateTime(v, i18n.language);

/** A field's problem, next to it (the control points at it with aria-describedby, see invalidProps). */
export function FieldError({ id, errors, field }: { id: string; errors: FieldErrors | null | undefined; field: string }) {
  const message = errors?.[field];
  if (!message) return null;
  return (
    <span id={`${id}-error`} className="field-error" role="alert">
      {message}
    </span>
  );
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y || 2000, m, 0)).getUTCDate();
const partsOf = (v: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? { y: m[1], m: String(Number(m[2])), d: String(Number(m[3])) } : { y: '', m: '', d: '' };
};

/**
 * A calendar day as day, month and year, in the language's order and words ("24 | March | 2026"): the
 * day list has only the days of the chosen month, so an impossible date cannot be entered, and a date
 * half entered says so instead of being dropped. Gives "YYYY-MM-DD", or "" while incomplete.
 */
export function DateField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** Latest allowed day ("YYYY-MM-DD"), e.g. today for a date of birth. */
  max?: string;
  required?: boolean;
  error?: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const [p, setP] = useState(() => partsOf(props.value));
  useEffect(() => {
    // An outside change (a reset, another person) replaces what is shown; our own emits round-trip.
    const cur = partsOf(props.value);
    if (props.value && (cur.y !== p.y || cur.m !== p.m || cur.d !== p.d)) setP(cur);
    if (!props.value && p.y && p.m && p.d) setP({ y: '', m: '', d: '' });
  }, [props.value]);
  const set = (k: 'y' | 'm' | 'd', v: string) => {
    const next = { ...p, [k]: v };
    // A day the new month does not have is cleared, never rolled over into the next month.
    if (next.d && next.m && Number(next.d) > daysIn(Number(next.y), Number(next.m))) next.d = '';
    setP(next);
    const iso = next.y.length === 4 && next.m && next.d ? `${next.y}-${next.m.padStart(2, '0')}-${next.d.padStart(2, '0')}` : '';
    props.onChange(iso);
  };
  const partial = Boolean((p.y || p.m || p.d) && !(p.y.length === 4 && p.m && p.d));
  const late = Boolean(props.max && props.value && props.value > props.max);
  const message = props.error ?? (partial ? t('fmt.incomplete') : late ? t('validation.future') : undefined);
  const months = monthNames(i18n.language);
  const days = daysIn(Number(p.y), Number(p.m) || 1);
  const bad = Boolean(message) || undefined;
  const described = message ? `${uid}-error` : undefined;
  const day = (
    <select
      key="d"
      aria-label={`${props.label}: ${t('fmt.day')}`}
      value={p.d}
      onChange={(e) => set('d', e.target.value)}
      aria-invalid={bad}
      aria-describedby={described}
    >
      <option value="">{t('fmt.day')}</option>
      {Array.from({ length: days }, (_, i) => (
        <option key={i + 1} value={String(i + 1)}>
          {i + 1}
        </option>
      ))}
    </select>
  );
  const month = (
    <select
      key="m"
      aria-label={`${props.label}: ${t('fmt.month')}`}
      value={p.m}
      onChange={(e) => set('m', e.target.value)}
      aria-invalid={bad}
      aria-describedby={described}
    >
      <option value="">{t('fmt.month')}</option>
      {months.map((name, i) => (
        <option key={i + 1} value={String(i + 1)}>
          {name}
        </option>
      ))}
    </select>
  );
  return (
    <fieldset className="date-field" data-testid={props.testId} aria-invalid={bad}>
      <legend>{props.label}</legend>
      <span className="row tight">
        {dayFirst(i18n.language) ? [day, month] : [month, day]}
        <input
          aria-label={`${props.label}: ${t('fmt.year')}`}
          className="year"
          inputMode="numeric"
          placeholder={t('fmt.yearHint')}
          maxLength={4}
          value={p.y}
          onChange={(e) => set('y', e.target.value.replace(/\D/g, '').slice(0, 4))}
          aria-invalid={bad}
          aria-describedby={described}
        />
      </span>
      {message && (
        <span id={`${uid}-error`} className="field-error" role="alert">
          {message}
        </span>
      )}
    </fieldset>
  );
}

/**
 * Arrow keys move between the tabs of a tab strip, as in any tab strip (WAI-ARIA): the next tab is
 * chosen and takes the focus. `idOf` names a tab's button element.
 */
export function tabStripKeys<T extends string>(tabs: readonly T[], current: T, choose: (tab: T) => void, idOf: (tab: T) => string) {
  return (e: React.KeyboardEvent) => {
    const i = tabs.indexOf(current);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : undefined;
    if (next === undefined) return;
    e.preventDefault();
    choose(next);
    document.getElementById(idOf(next))?.focus();
  };
}
