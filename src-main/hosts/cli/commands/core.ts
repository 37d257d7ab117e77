/** The core commands: init, case, person, task, checklist, export, backup, restore, demo, audit. */
import type { Command } from 'commander';
import { writeFileSync, existsSync } from 'node:fs';
import { UserError } from '../../../../src-shared/errors';
import { createVault } from '../../../core/core';
import { CIPHERS, type Cipher } from '../../../db/open';
import { verifyLocalAudit } from '../../../core/audit';
import { createCase, caseListPage, setCaseStatus, showCase, listCaseTypes, updateCase } from '../../../cases/cases';
import { addPerson, updatePerson } from '../../../cases/persons';
import { addTask, setTaskStatus } from '../../../cases/tasks';
import { setChecklistItem } from '../../../cases/checklists';
import { logCommunication, scheduleAppointment } from '../../../cases/communications';
import { exportCase } from '../../../cases/export';
import { backupVault, restoreVault } from '../../../app/backup';
import { fillDemoPractice } from '../../../app/demo';
import { parseJsonArg } from '../../../cases/input';
import { assertCaseTypeEnabled } from '../../../config';
import { dataDirOf, passphraseFromEnv, print, withCore, type CommonOptions } from '../run';

const common = (c: Command) =>
  c.option('--data <dir>', 'vault folder (default: the OS app-data folder for Casework)').option('--json', 'machine-readable output');

function caseLine(c: Record<string, unknown>) {
  return `${c.case_number}  ${String(c.status).padEnd(12)} ${String(c.priority).padEnd(7)} ${String(c.case_type).padEnd(20)} ${c.client_name ?? (c.client_data as { name?: string })?.name ?? ''}`;
}

function writeNewFile(path: string, content: string) {
  if (existsSync(path)) throw new UserError('invalid_input', `${path} already exists; choose a new file name`);
  writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
}

export function register(program: Command) {
  common(program.command('init'))
    .description('create a new encrypted vault (passphrase from CASEWORK_PASSPHRASE, else the OS keychain)')
    .option('--key-store <kind>', 'keychain or passphrase')
    .option('--org-name <name>', 'your practice name')
    .option('--email <email>', 'your email')
    .option('--cipher <cipher>', 'database page cipher: aegis (AEGIS-256, the default) or sqlcipher (SQLCipher 4, readable by SQLCipher tools)')
    .action(async (o: CommonOptions & { keyStore?: string; orgName?: string; email?: string; cipher?: string }) => {
      if (o.keyStore && !['keychain', 'passphrase'].includes(o.keyStore)) throw new UserError('invalid_input', '--key-store must be keychain or passphrase');
      const cipher = o.cipher ?? process.env.CASEWORK_CIPHER;
      if (cipher && !(CIPHERS as readonly string[]).includes(cipher)) throw new UserError('invalid_input', `--cipher must be one of ${CIPHERS.join(', ')}`);
      const core = await createVault({
        dataDir: dataDirOf(o),
        passphrase: passphraseFromEnv(),
        prefer: o.keyStore as 'keychain' | 'passphrase' | undefined,
        cipher: cipher as Cipher | undefined,
        orgName: o.orgName,
        userEmail: o.email,
      });
      const result = { dataDir: core.dataDir, vaultId: core.vaultId, orgId: core.actor.orgId, userId: core.actor.userId };
      core.close();
      print(result, o, () => `Created an encrypted vault in ${result.dataDir}`);
    });

  const cases = program.command('case').description('cases');
  common(cases.command('create'))
    .description('open a new case')
    .requiredOption('--type <code>', 'case type, e.g. EXPRESS_ENTRY_FSW')
    .option('--client <name>', 'the primary applicant, e.g. "Amara Okafor"')
    .option('--priority <p>', 'low, normal, high or urgent')
    .option('--province <code>', 'target province')
    .option('--fees <amount>', 'total fees, e.g. 3500.00')
    .option('--number <caseNumber>', 'use this case number instead of the next one')
    .action((o: CommonOptions & { type: string; client?: string; priority?: string; province?: string; fees?: string; number?: string }) =>
      withCore(
        o,
        (core) => {
          // A case type of a pack this firm has disabled is not opened (src-main/config/packs.ts).
          assertCaseTypeEnabled(core, o.type);
          return createCase(core, {
            caseType: o.type,
            client: o.client,
            priority: o.priority,
            targetProvince: o.province,
            totalFees: o.fees,
            caseNumber: o.number,
          });
        },
        (c) => `Created case ${(c as Record<string, unknown>).case_number}`,
      ),
    );
  common(cases.command('list'))
    .description('list cases')
    .option('--status <s>')
    .option('--type <t>')
    .option('--priority <p>')
    .option('--search <text>')
    .option('--sort <field>', 'updated_at, created_at, case_number, priority, status, client')
    .option('--limit <n>', 'page size (max 500)', '50')
    .option('--offset <n>', 'rows to skip', '0')
    .action((o: CommonOptions & { status?: string; type?: string; priority?: string; search?: string; sort?: string; limit: string; offset: string }) =>
      withCore(
        o,
        (core) => {
          const limit = Number(o.limit);
          const offset = Number(o.offset);
          if (!Number.isInteger(limit) || !Number.isInteger(offset)) throw new UserError('invalid_input', '--limit and --offset must be whole numbers');
          return caseListPage(core, { status: o.status, type: o.type, priority: o.priority, search: o.search, sort: o.sort as never, limit, offset });
        },
        (items) => ((items as Record<string, unknown>[]).length ? (items as Record<string, unknown>[]).map(caseLine).join('\n') : 'No cases match.'),
      ),
    );
  common(cases.command('show <id>'))
    .description('show a case with its people, tasks and events')
    .action((id: string, o: CommonOptions) => withCore(o, (core) => showCase(core, id)));
  common(cases.command('set-status <id> <status>'))
    .description('move a case along its lifecycle')
    .option('--note <text>')
    .action((id: string, status: string, o: CommonOptions & { note?: string }) =>
      withCore(
        o,
        (core) => setCaseStatus(core, id, status, o.note),
        (c) => `Case ${(c as Record<string, unknown>).case_number} is now ${(c as Record<string, unknown>).status}`,
      ),
    );
  common(cases.command('update <id>'))
    .description('change fields of a case: --json \'{"priority":"high"}\'')
    .requiredOption('--fields <json>')
    .action((id: string, o: CommonOptions & { fields: string }) => withCore(o, (core) => updateCase(core, id, parseJsonArg(o.fields, '--fields'))));
  common(cases.command('types'))
    .description('list case types')
    .action((o: CommonOptions) => withCore(o, (core) => listCaseTypes(core)));

  const person = program.command('person').description('people on a case');
  person
    .command('add')
    .requiredOption('--case <id>')
    .requiredOption('--json <object>', 'the person, e.g. \'{"first_name":"Amara","last_name":"Okafor"}\'')
    .option('--data <dir>')
    .description('add a person to a case (prints the person as JSON)')
    .action((o: { case: string; json: string; data?: string }) =>
      withCore({ data: o.data, json: true }, (core) => addPerson(core, o.case, parseJsonArg(o.json, '--json'))),
    );
  person
    .command('update <id>')
    .requiredOption('--json <object>')
    .option('--data <dir>')
    .action((id: string, o: { json: string; data?: string }) =>
      withCore({ data: o.data, json: true }, (core) => updatePerson(core, id, parseJsonArg(o.json, '--json'))),
    );

  const task = program.command('task').description('tasks');
  common(task.command('add'))
    .requiredOption('--case <id>')
    .requiredOption('--title <title>')
    .option('--due <date>', 'YYYY-MM-DD')
    .option('--priority <p>')
    .option('--depends-on <ids>', 'comma-separated task ids')
    .action((o: CommonOptions & { case: string; title: string; due?: string; priority?: string; dependsOn?: string }) =>
      withCore(
        o,
        (core) =>
          addTask(core, {
            caseId: o.case,
            title: o.title,
            due: o.due,
            priority: o.priority,
            dependsOn: o.dependsOn ? o.dependsOn.split(',').map((s) => s.trim()) : [],
          }),
        (t) => `Added task ${(t as Record<string, unknown>).id}`,
      ),
    );
  common(task.command('set-status <id> <status>')).action((id: string, status: string, o: CommonOptions) =>
    withCore(
      o,
      (core) => setTaskStatus(core, id, status),
      (t) => `Task is now ${(t as Record<string, unknown>).status}`,
    ),
  );

  common(program.command('checklist').command('check <instanceId> <itemKey>'))
    .description('tick (or --undo) a checklist item')
    .option('--undo')
    .action((id: string, key: string, o: CommonOptions & { undo?: boolean }) => withCore(o, (core) => setChecklistItem(core, id, key, !o.undo)));

  common(program.command('comm').command('log'))
    .requiredOption('--case <id>')
    .requiredOption('--fields <json>', '{"communication_type":"call","direction":"inbound","subject":"..."}')
    .action((o: CommonOptions & { case: string; fields: string }) => withCore(o, (core) => logCommunication(core, o.case, parseJsonArg(o.fields, '--fields'))));
  common(program.command('appointment').command('add'))
    .requiredOption('--case <id>')
    .requiredOption('--fields <json>', '{"appointment_type":"consultation","scheduled_at":"2026-12-01T15:00:00Z"}')
    .action((o: CommonOptions & { case: string; fields: string }) =>
      withCore(o, (core) => scheduleAppointment(core, o.case, parseJsonArg(o.fields, '--fields'))),
    );

  common(program.command('export'))
    .description('everything about one client case, as JSON (data portability)')
    .requiredOption('--case <id>')
    .requiredOption('--out <file>')
    .action((o: CommonOptions & { case: string; out: string }) =>
      withCore(
        o,
        (core) => {
          const data = exportCase(core, o.case);
          writeNewFile(o.out, JSON.stringify(data, null, 2));
          return { out: o.out, case: (data.case as Record<string, unknown>).case_number };
        },
        (r) => `Exported to ${(r as { out: string }).out}`,
      ),
    );

  common(program.command('backup'))
    .description('an encrypted, verified backup of the whole vault (passphrase: CASEWORK_BACKUP_PASSPHRASE or CASEWORK_PASSPHRASE)')
    .requiredOption('--out <file>')
    .action((o: CommonOptions & { out: string }) =>
      withCore(
        o,
        (core) => backupVault(core, o.out, process.env.CASEWORK_BACKUP_PASSPHRASE ?? passphraseFromEnv() ?? '', progressBar('backup')),
        (r) => `Backup written and verified: ${(r as { file: string }).file}`,
      ),
    );
  common(program.command('restore'))
    .description('restore a backup into a new vault folder (the backup passphrase from CASEWORK_PASSPHRASE)')
    .requiredOption('--from <file>')
    .action(async (o: CommonOptions & { from: string }) => {
      const r = await restoreVault(o.from, dataDirOf(o), process.env.CASEWORK_BACKUP_PASSPHRASE ?? passphraseFromEnv() ?? '');
      print(r, o, () => `Restored into ${r.dataDir}`);
    });

  common(program.command('demo'))
    .description('fill a vault with a realistic sample practice (creates the vault if needed)')
    .option('--cases <n>', 'how many cases', '300')
    .action(async (o: CommonOptions & { cases: string }) => {
      const n = Number(o.cases);
      if (!Number.isInteger(n) || n < 1 || n > 100000) throw new UserError('invalid_input', '--cases must be a whole number from 1 to 100000');
      const dir = dataDirOf(o);
      const { vaultExists } = await import('../../../vault/vault');
      if (!vaultExists(dir)) (await createVault({ dataDir: dir, passphrase: passphraseFromEnv(), orgName: 'Maple Leaf Immigration (demo)' })).close();
      await withCore(
        o,
        (core) => fillDemoPractice(core, n, progressBar('demo')),
        (r) => {
          const x = r as { cases: number; documents: number; scansToRead: number };
          return `Added ${x.cases} sample cases and ${x.documents} documents; ${x.scansToRead} scans are read when the vault is opened (or run casework doc process)`;
        },
      );
    });

  const audit = program.command('audit').description('the local audit log');
  common(audit.command('verify')).action((o: CommonOptions) =>
    withCore(
      o,
      (core) => verifyLocalAudit(core.db),
      (r) => ((r as { ok: boolean }).ok ? 'Audit chain verifies' : 'AUDIT CHAIN BROKEN'),
    ),
  );
}

/** A progress bar on a terminal, nothing when piped (machine output stays clean). */
export function progressBar(label: string) {
  if (!process.stderr.isTTY) return undefined;
  return (done: number, total = 100) => {
    const pct = Math.round((done * 100) / total);
    const width = 30;
    const fill = Math.round((pct * width) / 100);
    process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}%${pct >= 100 ? '\n' : ''}`);
  };
}
