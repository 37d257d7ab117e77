/**
 * Letters on a case's page: choose one of the firm's templates, read what it will say for this case
 * (merge fields filled in by the core, fields with no value named), and file it on the case as a PDF
 * document, which then opens from Documents like any other.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { ErrorNote } from '../app/ui';
import { configWords, fill, langOf } from './words';
import './config.css';

export function CaseLetters({ caseId }: { caseId: string }) {
  const { i18n } = useTranslation();
  const w = configWords(langOf(i18n.language)).letters;
  const qc = useQueryClient();
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => call('templates.list', {}) });
  const [templateId, setTemplateId] = useState('');
  const preview = useQuery({
    queryKey: ['templates', 'preview', templateId, caseId],
    queryFn: () => call('templates.preview', { templateId, caseId }),
    enabled: !!templateId,
  });
  const file = useMutation({
    mutationFn: () => call('templates.file', { templateId, caseId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['docs'] }),
  });
  return (
    <div className="card" aria-labelledby="letters-title">
      <h2 id="letters-title">{w.title}</h2>
      <label>
        {w.template}{' '}
        <select
          value={templateId}
          onChange={(e) => {
            setTemplateId(e.target.value);
            file.reset();
          }}
        >
          <option value="">—</option>
          {(templates.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {preview.data && (
        <>
          <h3>{w.preview}</h3>
          <pre className="letter-preview" aria-label={w.preview}>
            {preview.data.text}
          </pre>
          {preview.data.blank.length > 0 && (
            <p className="warn" role="status">
              {fill(w.blank, { fields: preview.data.blank.join(', ') })}
            </p>
          )}
          <button type="button" onClick={() => file.mutate()} disabled={file.isPending}>
            {w.file}
          </button>
        </>
      )}
      {file.data && <p role="status">{fill(w.filed, { name: file.data.filename })}</p>}
      <ErrorNote error={templates.error ?? preview.error ?? file.error} />
    </div>
  );
}
