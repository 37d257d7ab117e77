/**
 * `casework person export|erase|reveal` and `casework consent add|withdraw|list` (issue 19): a person's data
 * given to them, their consents, and their erasure.
 */
import type { Command } from 'commander';
import { erasePerson, exportPerson, addConsent, withdrawConsent, listConsents } from '../../../privacy';
import { revealField } from '../../../admin/security';
import { withCore, type CommonOptions } from '../run';

const common = (c: Command) =>
  c.option('--data <dir>', 'vault folder (default: the OS app-data folder for Casework)').option('--json', 'machine-readable output');

export function register(program: Command) {
  // `person` exists already (commands/core.ts: add, update); these join it.
  const person = program.commands.find((c) => c.name() === 'person') ?? program.command('person').description('people on a case');
  common(person.command('export <personId>'))
    .requiredOption('--out <file.zip>', 'the zip to write (refused if it exists)')
    .description('subject access: everything held about the person (rows, consents, audit entries, original files) as a zip')
    .action((personId: string, o: CommonOptions & { out: string }) =>
      withCore(
        o,
        (core) => exportPerson(core, personId, o.out),
        (r) => `Wrote ${(r as { file: string }).file} (${(r as { files: number }).files} files).`,
      ),
    );
  common(person.command('erase <personId>'))
    .requiredOption('--reason <text>', 'why (kept in the audit log; do not repeat personal data here)')
    .option('--anonymise', 'keep the scrubbed person on the case (retention), instead of deleting them')
    .description('erase a person: rows scrubbed and deleted, documents crypto-shredded, index, audit values and free pages purged')
    .action((personId: string, o: CommonOptions & { reason: string; anonymise?: boolean }) =>
      withCore(
        o,
        (core) => erasePerson(core, personId, { reason: o.reason, anonymise: o.anonymise }),
        (r) => `Person ${(r as { mode: string }).mode === 'erase' ? 'erased' : 'anonymised'}; ${(r as { blobsDeleted: number }).blobsDeleted} files shredded.`,
      ),
    );
  // Issue 14: a masked number asked of the firm server with a reason (audited there); printed, never stored.
  common(person.command('reveal <personId>'))
    .requiredOption('--reason <text>', 'why you need to see it (kept in the firm audit log)')
    .option('--field <field>', 'passport_info.number, custom_fields.sin or custom_fields.ni_number', 'passport_info.number')
    .description('show a masked passport or identity number whole, if your role may (the firm server decides and records it)')
    .action((personId: string, o: CommonOptions & { reason: string; field: string }) =>
      withCore(
        o,
        (core) => revealField(core, { table: 'persons', id: personId, field: o.field, reason: o.reason }),
        (r) => String((r as { value: string | null }).value ?? ''),
      ),
    );

  const consent = program.command('consent').description("a person's consents, per purpose");
  common(consent.command('add <personId>'))
    .requiredOption('--purpose <purpose>', 'case_processing, share_with_creditor, share_with_authority, share_with_third_party, marketing, research')
    .requiredOption('--text-version <v>', 'the version of the consent text the person agreed to')
    .option('--method <m>', 'written, electronic or verbal', 'written')
    .option('--granted-at <date>', 'when the person agreed (default: now)')
    .option('--notes <text>')
    .action((personId: string, o: CommonOptions & { purpose: string; textVersion: string; method: string; grantedAt?: string; notes?: string }) =>
      withCore(o, (core) =>
        addConsent(core, { personId, purpose: o.purpose, textVersion: o.textVersion, method: o.method, grantedAt: o.grantedAt, notes: o.notes }),
      ),
    );
  common(consent.command('withdraw <consentId>')).action((consentId: string, o: CommonOptions) => withCore(o, (core) => withdrawConsent(core, consentId)));
  common(consent.command('list'))
    .option('--person <id>')
    .option('--case <id>')
    .action((o: CommonOptions & { person?: string; case?: string }) => withCore(o, (core) => listConsents(core, { personId: o.person, caseId: o.case })));
}
