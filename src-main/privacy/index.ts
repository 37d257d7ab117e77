/**
 * The privacy domain (issue 19): keys that rotate, and data that leaves when it must (subject access
 * export, consent, erasure, retention). Its declared interface for the hosts and other domains.
 */
export { keyStatus, rotateKeys, changeVaultPassphrase, encryptedDataView, type KeyStatus } from './keys';
export { addConsent, withdrawConsent, listConsents, hasConsent, requireConsent, type ConsentInput } from './consent';
export { exportPerson, collectPerson } from './person-export';
export { erasePerson, ERASED, type EraseOptions, type EraseResult } from './erase';
export { applyErasure, syncErasures, type ErasureSyncResult } from './erasure-sync';
export type { ErasureNotice } from './erasure-log';
export type { RegistryEntry } from './registry';
