/** The documents layer's public face: the encrypted store, the processing queue, extraction. */
export {
  addDocument,
  listDocuments,
  getDocument,
  readDocumentBytes,
  expiringDocuments,
  MAX_FILE_BYTES,
  type AddDocumentInput,
  type ExpiringDocument,
} from './documents';
export {
  processQueue,
  requeue as reprocess,
  queueLength,
  defaultOcrLanguages,
  setDefaultOcrLanguages,
  forgiveAttempt,
  type OcrProgress,
  type QueueSummary,
} from './queue';
export { approveExtraction } from './extraction';
export { suggestType } from './classify';
export { parseTd3, findMrz, checkDigit } from './mrz';
export { stopOcr, OCR_LANGUAGES } from './ocr';
