/**
 * Result and event shapes that cross the contract: the core produces them, the window shows them. One
 * declaration here, imported by both sides, so a field added in the core cannot silently go missing in
 * the window.
 */

/** One row of the case list (cases.list). */
export interface CaseListItem {
  id: string;
  case_number: string;
  case_type: string;
  status: string;
  priority: string;
  client_name: string | null;
  assigned_consultant_id: string | null;
  updated_at: string;
  created_at: string;
}

/** The 'progress' event of the document queue. */
export interface OcrProgress {
  kind: 'ocr';
  documentId: string;
  phase: 'start' | 'page' | 'done' | 'failed';
  page?: number;
  pages?: number;
  overall: { done: number; total: number };
  reason?: string;
}

/** sync.status */
export interface SyncStatus {
  server: string | null;
  pendingPushes: number;
  rejected: number;
  lastPull: string | null;
  lastPush: string | null;
  conflicts: number;
  deviceId: string;
  /** In the app: background sync wanted (not paused), running now, and its last error if any. */
  auto?: boolean;
  live?: boolean;
  liveError?: string | null;
}

/** A field conflict or a rejected mutation, as sync.conflicts lists it. */
export interface ConflictView {
  id: string;
  kind: 'conflict' | 'rejected';
  status: string;
  table: string;
  rowId: string;
  field: string | null;
  mine: unknown;
  theirs: unknown;
  reason: string | null;
  mutationId: number | null;
  createdAt: string;
  resolution: string | null;
  /** What a person calls the record ("Amara Okafor (2026-0001-EA3A)"); null when the vault no longer has it. */
  label?: string | null;
}

/** What the Settings screen shows and changes (settings.get, settings.set, models.install). */
export interface SettingsView {
  keyStores: Array<'passphrase' | 'keychain' | 'safeStorage'>;
  ocrLanguages: string[];
  /** "eng", "fra" or "eng+fra": what a newly added document is read with. */
  defaultOcrLanguages: string;
  models: Array<{ name: string; dim: number; active: boolean }>;
  activeModel: string | null;
  pendingEmbeddings: number;
  /** Where a new backup would go unless the user picks another place: beside the vault folder, dated. */
  backupSuggestion: string;
}

/** The 'progress' event of a backup the window started (backup.create). */
export interface BackupProgress {
  kind: 'backup';
  percent: number;
}
