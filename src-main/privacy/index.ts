/**
 * The privacy domain (issue 19): keys that rotate, and data that leaves when it must (subject access
 * export, consent, erasure, retention). Its declared interface for the hosts and other domains.
 */
export { keyStatus, rotateKeys, changeVaultPassphrase, type KeyStatus } from './keys';
