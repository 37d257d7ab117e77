/** A case's documents: drop or pick files, watch them being read, see their text and what was found. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { useOcrProgress } from '../app/events';
import { Empty, ErrorNote, Progress, toBase64 } from '../app/ui';
import { useLabels } from '../app/labels';

export function Documents({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const progress = useOcrProgress();
  const [selected, setSelected] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const list = useQuery({ queryKey: ['docs', caseId], queryFn: () => call('docs.list', { caseId }) });
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const f of files) await call('docs.add', { caseId, filename: f.name, base64: await toBase64(f) });
    },
    onSuccess: () => qc.invalidateQueries(),
  });
  const onFiles = (files: FileList | null) => files && files.length && upload.mutate([...files]);
  return (
    <div className="grid2">
      <div className="card">
        <h2>{t('docs.title')}</h2>
        <label
          className={`dropzone${dragging ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            onFiles(e.dataTransfer.files);
          }}
        >
          {t('docs.drop')}
          <input type="file" multiple onChange={(e) => onFiles(e.target.files)} aria-label={t('docs.choose')} />
        </label>
        {upload.isPending && <Progress value={0.5} label={t('docs.uploading')} />}
        <ErrorNote error={upload.error} />
        {list.data && !list.data.length && <Empty>{t('docs.empty')}</Empty>}
        <ul className="plain docs">
          {list.data?.map((d) => {
            const p = progress[d.id];
            const busy = d.processing_status === 'pending' || d.processing_status === 'processing';
            return (
              <li key={d.id}>
                <button type="button" className="link" onClick={() => setSelected(d.id)} aria-pressed={selected === d.id}>
                  {d.title}
                </button>{' '}
                <span className={`badge p-${d.processing_status}`}>{t(`docs.status.${d.processing_status}`)}</span>
                {busy && (
                  <Progress value={p?.pages ? (p.page ?? 0) / p.pages : p?.phase === 'start' ? 0.1 : 0.02} label={t('docs.reading', { title: d.title })} />
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {selected && <DocumentView id={selected} />}
    </div>
  );
}

function DocumentView({ id }: { id: string }) {
  const { t } = useTranslation();
  const L = useLabels();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['doc', id], queryFn: () => call('docs.get', { id }) });
  const approve = useMutation({ mutationFn: (actionId: string) => call('docs.approveExtraction', { actionId }), onSuccess: () => qc.invalidateQueries() });
  const d = q.data;
  if (!d) return <ErrorNote error={q.error} />;
  return (
    <div className="card" aria-label={t('docs.viewer')}>
      <h2>{d.title}</h2>
      <p className="muted">
        {d.original_filename} · {t('docs.versions', { count: d.versions.length })}
        {d.ocr_confidence !== null && ` · ${t('docs.confidence', { value: Math.round(Number(d.ocr_confidence)) })}`}
        {d.ai_classification?.suggestedType &&
          d.ai_classification.suggestedType !== 'other' &&
          ` · ${t('docs.looksLike', { type: L.docType(d.ai_classification.suggestedType) })}`}
      </p>
      {d.processing_status === 'failed' && (
        <p role="alert" className="error">
          {d.custom_fields?.processingError}
        </p>
      )}
      {d.proposals?.map((a) => (
        <div key={a.id} className="proposal">
          <strong>{t('docs.mrz')}</strong> {a.output_data.fields?.surname}, {a.output_data.fields?.givenNames} · {a.output_data.fields?.documentNumber}
          {a.status === 'pending' ? (
            <button type="button" onClick={() => approve.mutate(a.id)}>
              {t('docs.approve')}
            </button>
          ) : (
            <span className="badge">{a.status}</span>
          )}
          {a.error_message && <p className="error">{a.error_message}</p>}
        </div>
      ))}
      <ErrorNote error={approve.error} />
      <h3>{t('docs.versionsTitle')}</h3>
      <ol className="plain versions">
        {d.versions.map((v) => (
          <li key={v.id}>
            v{v.version_number} · {v.filename} · {Math.max(1, Math.round(Number(v.file_size) / 1024))} KB ·{' '}
            <time className="muted">{String(v.created_at).slice(0, 16).replace('T', ' ')}</time>
            {v.change_description && <span className="muted"> · {v.change_description}</span>}
          </li>
        ))}
      </ol>
      <h3>{t('docs.text')}</h3>
      <pre className="extracted" data-testid="extracted-text">
        {d.extracted_text ?? t('docs.noText')}
      </pre>
    </div>
  );
}
