/** Small shared pieces: highlighted snippets (parsed, never injected as HTML), errors, progress. */
import { useTranslation } from 'react-i18next';
import { errorText } from './api';

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

/** A stored timestamp as the lists show it: "2026-11-23 15:46" (as recorded, to the minute), or a dash. */
export const when = (v: unknown) => (v ? String(v).slice(0, 16).replace('T', ' ') : '—');
