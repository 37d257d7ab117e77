/**
 * `casework pack list|enable|disable` and `casework config ...` (issue 16, part 1): which domain packs the
 * firm has, and a case type's custom fields and forms as versioned configuration changed through
 * proposals (propose -> diff -> approve or reject), then a case's own values under the version it follows.
 * A definition is a JSON file in the shape of src-shared/config/schema.ts; `config show --json` prints one
 * to start from. `casework template ...`: letter templates with merge fields, filled in for a case as a
 * PDF filed on the case (or written where --out says).
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { UserError } from '../../../../src-shared/errors';
import type { CaseFieldsView, ConfigProposalView, PackLine, TemplateView } from '../../../../src-shared/config';
import { parseJsonArg } from '../../../cases/input';
import {
  approveConfig,
  caseFields,
  definitionAt,
  latestVersion,
  listConfigProposals,
  listPacks,
  migrateCase,
  proposeConfig,
  rejectConfig,
  saveCaseFields,
  setPackEnabled,
  showConfigProposal,
  versionLines,
  fileLetter,
  letterFor,
  listTemplates,
  previewTemplate,
  saveTemplate,
} from '../../../config';
import { withCore, type CommonOptions } from '../run';

const common = (c: Command) =>
  c.option('--data <dir>', 'vault folder (default: the OS app-data folder for Casework)').option('--json', 'machine-readable output');

const packText = (r: unknown) =>
  (Array.isArray(r) ? (r as PackLine[]) : [r as PackLine])
    .map(
      (p) => `${p.enabled ? 'enabled ' : 'disabled'}  ${p.id.padEnd(14)} ${p.name.en}  (case types: ${p.caseTypes.join(', ')}; commands: ${p.cli.join(', ')})`,
    )
    .join('\n');

const proposalText = (r: unknown) =>
  (Array.isArray(r) ? (r as ConfigProposalView[]) : [r as ConfigProposalView])
    .map(
      (p) =>
        `${p.id}  ${p.status.padEnd(8)} ${p.caseType} v${p.baseVersion} -> ${p.status === 'APPLIED' ? 'applied' : 'proposed'}  risk ${p.riskLevel}  "${p.title}"\n` +
        p.changes.map((c) => `    ${c.path}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`).join('\n'),
    )
    .join('\n');

const fieldsText = (r: unknown) => {
  const v = r as CaseFieldsView;
  const lines = v.definition.fields.map((f) => `  ${f.key} (${f.type}${f.required ? ', required' : ''}): ${JSON.stringify(v.values[f.key] ?? null)}`);
  const retired = v.retired.map((x) => `  ${x.key} (removed from the configuration, kept): ${JSON.stringify(x.value)}`);
  return [`${v.caseType} configuration v${v.version} (newest v${v.latestVersion})`, ...lines, ...retired].join('\n');
};

const templateText = (r: unknown) =>
  (Array.isArray(r) ? (r as TemplateView[]) : [r as TemplateView])
    .map((t) => `${t.id}  ${t.templateType.padEnd(8)} v${t.version} ${t.system ? '(system) ' : ''}"${t.name}"  fields: ${t.fields.join(', ') || '-'}`)
    .join('\n');

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UserError('invalid_input', `cannot read ${file}`);
  }
}

/** Fields a letter leaves empty are said on stderr (the letter is still made: the adviser decides). */
const warnBlank = (blank: string[]) => {
  if (blank.length) process.stderr.write(`casework: no value for ${blank.map((b) => `{{${b}}}`).join(', ')}: left empty in the letter\n`);
};

function readDefinition(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError('not_found', `cannot read the definition file ${file}`);
  }
  return parseJsonArg(text, `the definition file ${file}`);
}

function version(v?: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,6}$/.test(v)) throw new UserError('invalid_input', '--version must be a whole number');
  return Number(v);
}

export function register(program: Command) {
  const pack = program.command('pack').description('domain packs: which the firm has (immigration, debt-advice, ...)');
  common(pack.command('list'))
    .description('every pack, whether this firm has it enabled, and what it brings')
    .action((o: CommonOptions) => withCore(o, (core) => listPacks(core), packText));
  for (const [name, on] of [
    ['enable', true],
    ['disable', false],
  ] as const)
    common(pack.command(`${name} <id>`))
      .description(`${name} a pack for this firm (owner or admin; synced to every laptop)`)
      .action((id: string, o: CommonOptions) => withCore(o, (core) => setPackEnabled(core, id, on), packText));

  const config = program.command('config').description("a case type's custom fields and forms: versioned, changed through proposals");
  common(config.command('show <caseType>'))
    .description('the configuration of a case type (newest version unless --version)')
    .option('--version <n>')
    .action((caseType: string, o: CommonOptions & { version?: string }) =>
      withCore(o, (core) => {
        const latest = latestVersion(core, caseType);
        const v = version(o.version) ?? latest;
        return { caseType, version: v, latestVersion: latest, definition: definitionAt(core, caseType, v), versions: versionLines(core, caseType) };
      }),
    );
  common(config.command('propose <caseType>'))
    .description('propose a new definition of the case type (a JSON file), to be approved by an owner or admin')
    .requiredOption('--file <definition.json>')
    .requiredOption('--summary <text>', 'what the change is')
    .option('--rationale <text>')
    .action((caseType: string, o: CommonOptions & { file: string; summary: string; rationale?: string }) =>
      withCore(o, (core) => proposeConfig(core, { caseType, definition: readDefinition(o.file), summary: o.summary, rationale: o.rationale }), proposalText),
    );
  common(config.command('proposals'))
    .description('configuration proposals, newest first')
    .option('--type <caseType>')
    .option('--status <PENDING|APPLIED|REJECTED>')
    .action((o: CommonOptions & { type?: string; status?: string }) =>
      withCore(o, (core) => listConfigProposals(core, { caseType: o.type, status: o.status?.toUpperCase() }), proposalText),
    );
  common(config.command('diff <proposalId>'))
    .description('what a proposal changes, field by field')
    .action((id: string, o: CommonOptions) => withCore(o, (core) => showConfigProposal(core, id), proposalText));
  common(config.command('approve <proposalId>'))
    .description('approve: the definition becomes the next version (owner or admin)')
    .action((id: string, o: CommonOptions) => withCore(o, (core) => approveConfig(core, id), proposalText));
  common(config.command('reject <proposalId>'))
    .description('reject, saying why (owner or admin)')
    .requiredOption('--reason <text>')
    .action((id: string, o: CommonOptions & { reason: string }) => withCore(o, (core) => rejectConfig(core, id, o.reason), proposalText));
  common(config.command('fields <caseId>'))
    .description("a case's custom fields under the configuration version it follows (removed fields' values included)")
    .action((id: string, o: CommonOptions) => withCore(o, (core) => caseFields(core, id), fieldsText));
  common(config.command('set-fields <caseId>'))
    .description('set custom field values, e.g. --values \'{"total_debt":"12500.00"}\' (checked against the configuration)')
    .requiredOption('--values <json>')
    .action((id: string, o: CommonOptions & { values: string }) =>
      withCore(o, (core) => saveCaseFields(core, id, parseJsonArg(o.values, '--values')), fieldsText),
    );
  common(config.command('migrate-case <caseId>'))
    .description('move a case to the newest configuration version (its values all stay)')
    .action((id: string, o: CommonOptions) => withCore(o, (core) => migrateCase(core, id), fieldsText));

  const template = program.command('template').description('letter templates with merge fields ({{client_name}}, {{custom.<field>}}, ...)');
  common(template.command('list'))
    .description("the firm's templates and the system defaults it has not replaced")
    .action((o: CommonOptions) => withCore(o, (core) => listTemplates(core), templateText));
  common(template.command('save'))
    .description('add a template, or a new version of one (--id); --overrides replaces a system default (owner or admin)')
    .requiredOption('--name <name>')
    .requiredOption('--file <text-file>', 'the template text, with {{merge_fields}}')
    .option('--type <letter|email|document>', 'what it is', 'letter')
    .option('--id <templateId>', 'a template of the firm to change')
    .option('--overrides <systemTemplateId>', 'the system default this template replaces')
    .action((o: CommonOptions & { name: string; file: string; type: string; id?: string; overrides?: string }) =>
      withCore(
        o,
        (core) => saveTemplate(core, { id: o.id, name: o.name, templateType: o.type, content: readText(o.file), overrides: o.overrides }),
        templateText,
      ),
    );
  common(template.command('preview <templateId>'))
    .description('the text a case would get')
    .requiredOption('--case <caseId>')
    .action((id: string, o: CommonOptions & { case: string }) =>
      withCore(
        o,
        (core) => {
          const r = previewTemplate(core, { templateId: id, caseId: o.case });
          if (!o.json) warnBlank(r.blank);
          return r;
        },
        (r) => (r as { text: string }).text,
      ),
    );
  common(template.command('render <templateId>'))
    .description('the letter for a case as a PDF: filed on the case as a document, or written to --out')
    .requiredOption('--case <caseId>')
    .option('--out <file.pdf>', 'write the PDF here instead of filing it on the case')
    .action((id: string, o: CommonOptions & { case: string; out?: string }) =>
      withCore(
        o,
        async (core) => {
          if (o.out) {
            const { pdf, blank, filename } = await letterFor(core, id, o.case);
            await writeFile(o.out, pdf, { mode: 0o600 });
            if (!o.json) warnBlank(blank);
            return { file: o.out, filename, bytes: pdf.length, blank };
          }
          const r = await fileLetter(core, id, o.case);
          if (!o.json) warnBlank(r.blank);
          return r;
        },
        (r) => {
          const x = r as { file?: string; documentId?: string; filename: string };
          return x.file ? `wrote ${x.file}` : `filed "${x.filename}" on the case as document ${x.documentId}`;
        },
      ),
    );
}
