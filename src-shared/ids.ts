/** Row ids are UUIDv7, minted on the device: time-ordered (good index locality) and collision-free offline. */
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
