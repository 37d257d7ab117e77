/**
 * `casework-sync keys status|rotate` (issue 19; rotate.ts): run against the server's database while it
 * serves (every instance re-reads the rings within seconds). Output: JSON with --json, else a line per
 * key kind; never a key.
 */
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { openDatabase } from '../db/postgres';
import { HttpError } from '../auth';
import { AUDIT_KEY_FILE, loadAuditKey } from '../audit-key';
import { keysStatus, rotateKeys, type KindStatus } from './rotate';
import type { KeyKind } from './ring';

const usage = (msg: string) => new HttpError(2, 'usage', msg);

function kindsOf(v: string | undefined): KeyKind[] {
  if (v === undefined || v === 'all') return ['token', 'blob'];
  if (v === 'token' || v === 'blob') return [v];
  throw usage(`--kind must be token, blob or all, not "${v}"`);
}

const line = (name: string, s: KindStatus) =>
  `${name}: current v${s.currentVersion} (${s.currentKeyId}), minimum v${s.minimumVersion}, versions ${s.versions.map((v) => `v${v.version}${v.retired ? ' retired' : ''}`).join(', ')}`;

export function registerKeyCommands(program: Command) {
  const keys = program.command('keys').description("the server's token signing, blob and audit checkpoint keys: ids, versions, rotation");
  const db = (o: { data: string; databaseUrl?: string }) => openDatabase({ dataDir: resolve(o.data), databaseUrl: o.databaseUrl, poolSize: 2 });
  keys
    .command('status')
    .description('key ids and versions, the minimum version, and how many file keys each blob key wraps (never a key)')
    .option('--data <dir>', 'data folder', './.casework-sync')
    .option('--database-url <url>', 'use this Postgres instead of the embedded one')
    .option('--audit-key-file <file>', 'the audit key (default: <data>/audit-signing-key.pem)')
    .option('--json', 'machine output')
    .action(async (o) => {
      const d = await db(o);
      try {
        const s = await keysStatus(d);
        const file = resolve(o.auditKeyFile ?? join(resolve(o.data), AUDIT_KEY_FILE));
        const audit = existsSync(file) ? { keyId: loadAuditKey(file, { create: false }).keyId, file } : null;
        if (o.json) process.stdout.write(`${JSON.stringify({ ...s, audit })}\n`);
        else
          process.stdout.write(
            `${[
              line('token signing', s.token),
              `${line('blob', s.blob)}; file keys wrapped per version: ${JSON.stringify(s.blob.wrappedFileKeys)}`,
              `audit checkpoints: ${audit ? `${audit.keyId} (${audit.file})` : 'no key file here'}`,
            ].join('\n')}\n`,
          );
      } finally {
        await d.close();
      }
    });
  keys
    .command('rotate')
    .description('add a new version of the token and/or blob key; file keys are re-wrapped in batches while the server serves')
    .option('--kind <kind>', 'token, blob or all', 'all')
    .option('--retire', 'raise the minimum version to the new one: tokens signed before stop working, older blob keys are deleted after the re-wrap')
    .option('--data <dir>', 'data folder', './.casework-sync')
    .option('--database-url <url>', 'use this Postgres instead of the embedded one')
    .option('--settle-ms <ms>', 'how long a new blob key is left for every instance to load before file keys are wrapped by it (default 7000)')
    .option('--json', 'machine output')
    .action(async (o) => {
      const kinds = kindsOf(o.kind);
      const settleMs = o.settleMs === undefined ? undefined : Number(o.settleMs);
      if (settleMs !== undefined && !(Number.isInteger(settleMs) && settleMs >= 0))
        throw usage(`--settle-ms must be a whole number of milliseconds, not "${o.settleMs}"`);
      const d = await db(o);
      try {
        const r = await rotateKeys(d, { kinds, retire: !!o.retire, settleMs, onProgress: o.json ? undefined : (m) => process.stderr.write(`${m}\n`) });
        if (o.json) process.stdout.write(`${JSON.stringify(r)}\n`);
        else {
          if (r.token)
            process.stdout.write(
              `token signing key: v${r.token.from} -> v${r.token.to}${r.token.retiredBelow ? `; versions below v${r.token.retiredBelow} retired` : ''}\n`,
            );
          if (r.blob)
            process.stdout.write(
              `blob key: v${r.blob.from} -> v${r.blob.to}; ${r.blob.rewrapped} file keys re-wrapped${r.blob.retiredBelow ? `; versions below v${r.blob.retiredBelow} retired and deleted` : ''}\n`,
            );
        }
      } finally {
        await d.close();
      }
    });
}
