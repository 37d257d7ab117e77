/**
 * The vendor's production public key (base64 of the raw 32-byte Ed25519 key), built into the app and
 * the server. Its private half is held by the vendor only, outside this repository. Development and
 * test runs may add keys from CASEWORK_LICENSE_DEV_KEYS (read by the Node hosts, never in a packaged
 * app); this list is the only trust a packaged app has.
 */
export const PRODUCTION_LICENSE_KEYS: readonly string[] = ['9L0/5uzYvZ+A8VmTrexvXcjX6f/vjJJANv4LkGp6KgI='];
