/**
 * `casework-license` (issue 15): the vendor's side of licences, in this repo so tests issue their own.
 *   keygen --out DIR                      DIR/vendor.key (PKCS#8 PEM, 0600) and DIR/vendor.pub (base64 raw key)
 *   issue --key F --licensee N [--org ID] [--plan P] --seats N --devices-per-user N --modules a,b
 *         --from DATE --until DATE --grace-days N --out FILE
 *   inspect FILE [--json]                 the licence, its key and whether this run trusts and verifies it
 * A date is YYYY-MM-DD (from: the start of that day, until: its end, UTC) or a full ISO instant.
 * Bad input: a message on stderr and exit 2; an inspected file that does not verify: exit 1.
 */
import { Command, CommanderError } from 'commander';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { UserError, isUserError } from '../../../src-shared/errors';
import { LICENSE_FORMAT, LICENSE_MODULES, License, licenseSignedText, type LicenseFile } from '../../../src-shared/license';
import { ed25519Sign, generateEd25519, loadPrivateKey, rawPublicKey } from '../../vault/ed25519';
import { trustedLicenseKeys, verifyLicense } from '../../app/license';

function date(v: string, end: boolean, flag: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(`${v}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) throw new UserError('invalid_input', `${flag}: ${v} is not a real date`);
    return end ? `${v}T23:59:59.999Z` : d.toISOString();
  }
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || !Number.isFinite(t)) throw new UserError('invalid_input', `${flag} must be YYYY-MM-DD or an ISO date-time, not "${v}"`);
  return new Date(t).toISOString();
}

function int(v: string, flag: string, min: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min)
    throw new UserError('invalid_input', `${flag} must be a whole number of at least ${min}, not "${v}"`);
  return n;
}

function writeNew(path: string, content: string, mode: number) {
  if (existsSync(path)) throw new UserError('invalid_input', `${path} already exists; choose a new file name`);
  writeFileSync(path, content, { mode, flag: 'wx' });
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('casework-license').exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let code = 0;
  program
    .command('keygen')
    .description('make a vendor signing key pair')
    .requiredOption('--out <dir>', 'folder for vendor.key (private, 0600) and vendor.pub')
    .action((o: { out: string }) => {
      mkdirSync(o.out, { recursive: true, mode: 0o700 });
      const { privatePem, publicRaw } = generateEd25519();
      writeNew(join(o.out, 'vendor.key'), privatePem, 0o600);
      writeNew(join(o.out, 'vendor.pub'), `${publicRaw}\n`, 0o644);
      process.stdout.write(`${JSON.stringify({ key: join(o.out, 'vendor.key'), pub: join(o.out, 'vendor.pub'), keyId: publicRaw })}\n`);
    });
  program
    .command('issue')
    .description('sign a licence file')
    .requiredOption('--key <file>', 'the vendor private key (vendor.key)')
    .requiredOption('--licensee <name>', 'who the licence is for')
    .option('--org <orgId>', "the firm's org id on its sync server (default: any org)")
    .option('--plan <plan>', 'plan name', 'standard')
    .requiredOption('--seats <n>', 'active members allowed')
    .requiredOption('--devices-per-user <n>', 'devices each member may register')
    .option('--modules <list>', `comma-separated, of ${LICENSE_MODULES.join(', ')}`, '')
    .requiredOption('--from <date>', 'valid from (YYYY-MM-DD or ISO)')
    .requiredOption('--until <date>', 'valid until (YYYY-MM-DD: to the end of that day, UTC)')
    .option('--grace-days <n>', 'days of grace after --until', '14')
    .requiredOption('--out <file>', 'the licence file to write')
    .action(
      (o: {
        key: string;
        licensee: string;
        org?: string;
        plan: string;
        seats: string;
        devicesPerUser: string;
        modules: string;
        from: string;
        until: string;
        graceDays: string;
        out: string;
      }) => {
        if (statSync(o.key).mode & 0o077) throw new UserError('invalid_input', `${o.key} must be readable by its owner only (chmod 600 ${o.key})`);
        let key;
        try {
          key = loadPrivateKey(readFileSync(o.key));
        } catch (e) {
          throw new UserError('invalid_input', `${o.key}: ${(e as Error).message}`);
        }
        const modules = o.modules
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean);
        const license = License.safeParse({
          licenseId: randomUUID(),
          licensee: o.licensee,
          orgId: o.org ?? null,
          plan: o.plan,
          seats: int(o.seats, '--seats', 1),
          devicesPerUser: int(o.devicesPerUser, '--devices-per-user', 1),
          modules,
          validFrom: date(o.from, false, '--from'),
          validUntil: date(o.until, true, '--until'),
          graceDays: int(o.graceDays, '--grace-days', 0),
          issuedAt: new Date().toISOString(),
        });
        if (!license.success) throw new UserError('invalid_input', license.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; '));
        if (Date.parse(license.data.validUntil) <= Date.parse(license.data.validFrom)) throw new UserError('invalid_input', '--until must be after --from');
        const file: LicenseFile = {
          format: LICENSE_FORMAT,
          license: license.data,
          keyId: rawPublicKey(key),
          signature: ed25519Sign(key, licenseSignedText(license.data)),
        };
        writeNew(o.out, `${JSON.stringify(file, null, 2)}\n`, 0o644);
        process.stdout.write(`${JSON.stringify({ out: o.out, licenseId: license.data.licenseId })}\n`);
      },
    );
  program
    .command('inspect <file>')
    .description('show a licence and whether it verifies against the keys this run trusts')
    .option('--json', 'machine-readable output')
    .action((file: string, o: { json?: boolean }) => {
      const text = readFileSync(file, 'utf8');
      const v = verifyLicense(text);
      let parsed: { license?: unknown; keyId?: unknown } = {};
      try {
        parsed = JSON.parse(text);
      } catch {
        /* reported by verify */
      }
      const out = {
        valid: v.ok,
        ...(v.ok ? {} : { refusal: v.refusal, reason: v.reason }),
        keyId: typeof parsed.keyId === 'string' ? parsed.keyId : null,
        trusted: typeof parsed.keyId === 'string' && trustedLicenseKeys().includes(parsed.keyId),
        license: v.ok ? v.license : (parsed.license ?? null),
      };
      if (o.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      else process.stdout.write(`${v.ok ? 'valid' : `NOT valid: ${v.reason}`}\n${JSON.stringify(out.license, null, 2)}\n`);
      if (!v.ok) code = 1;
    });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const msg = isUserError(e) ? e.message : (e as Error).message;
    process.stderr.write(`casework-license: ${msg}\n`);
    return isUserError(e) || (e as { code?: string }).code === 'ENOENT' ? 2 : 1;
  }
  return code;
}
