/**
 * Core events in the window: a change anywhere refreshes what is on screen; OCR progress is kept per
 * document for the progress bars.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { casework } from './api';

export type { OcrProgress } from '../../src-shared/contract/views';
import type { OcrProgress } from '../../src-shared/contract/views';

export function useCoreEvents() {
  const qc = useQueryClient();
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const offChange = casework.on('change', () => {
      // Changes come in bursts (a status change writes the case, an event and the audit): refresh once.
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        void qc.invalidateQueries();
      }, 150);
    });
    const offLocked = casework.on('locked', () => void qc.invalidateQueries({ queryKey: ['vault'] }));
    return () => {
      offChange();
      offLocked();
    };
  }, [qc]);
}

export function useOcrProgress(): Record<string, OcrProgress> {
  const [state, setState] = useState<Record<string, OcrProgress>>({});
  useEffect(
    () =>
      casework.on('progress', (p) => {
        const x = p as OcrProgress;
        if (x?.kind === 'ocr') setState((s) => ({ ...s, [x.documentId]: x }));
      }),
    [],
  );
  return state;
}
