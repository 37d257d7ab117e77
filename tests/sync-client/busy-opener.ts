/**
 * The "other process" of busy-vault.test.ts: opens the same vault again and again as another casework
 * process would (the real open path: migrations, system rows; then a write transaction; then close with
 * its WAL checkpoint), for `ms` milliseconds. The passphrase's Argon2id is paid once; every later open
 * reuses the key, so the opens come close together. Prints {"opens": n} and exits 0; any error exits 1.
 *   node --import tsx busy-opener.ts <vault folder> <ms>
 */
import { makeCore, openCore } from '../../src-main/core/core';
import { openDatabase } from '../../src-main/db/open';

const [dataDir, ms] = [process.argv[2]!, Number(process.argv[3] ?? 5000)];
const first = await openCore({ dataDir, passphrase: process.env.CASEWORK_PASSPHRASE });
const [file, key, cipher, vaultId] = [first.db.name, first.exportKey(), first.cipher, first.vaultId];
first.close();
process.stdout.write('{"ready":true}\n');
const end = Date.now() + ms;
let opens = 0;
while (Date.now() < end) {
  const core = makeCore(openDatabase({ file, key, cipher }), dataDir, vaultId, key, cipher);
  core.tx(() => core.setMeta('busy_probe', String(opens)));
  core.close();
  opens++;
  await new Promise((r) => setTimeout(r, 10));
}
process.stdout.write(`${JSON.stringify({ opens })}\n`);
