/** Rules commands: crs, fsw, crs-whatif (work without a vault), rules list|show|propose|approve|reject, law import. */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { UserError } from '../../../../src-shared/errors';
import { calculateCrs, calculateFsw } from '../../../../src-shared/rules/calculators';
import { crsWhatIf } from '../../../../src-shared/rules/whatif';
import { print, withCore, type CommonOptions } from '../run';
import {
  approve,
  crsForVault,
  fswForVault,
  listProposals,
  whatIfForVault,
  loadRules,
  profileOrThrow,
  propose,
  proposalDiff,
  recomputeSavedCrs,
  reject,
  saveCrs,
  saveFsw,
} from '../../../rules/rules-store';
import { importLawSource } from '../../../rules/law';
import { parseJsonArg } from '../../../cases/input';
import { rows } from '../../../core/writer';
import { SYSTEM_ORG_ID } from '../../../../src-shared/schema/tables';

const common = (c: Command) => c.option('--data <dir>', 'vault folder').option('--json', 'machine-readable output');

function readProfile(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError('not_found', `cannot read the profile file ${file}`);
  }
  return profileOrThrow(parseJsonArg(text, `the profile file ${file}`));
}

function checkDate(date?: string) {
  if (date === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new UserError('invalid_input', '--date must be YYYY-MM-DD');
  return date;
}

const crsText = (r: unknown) => {
  const x = r as { total: number; core: number; spouse: number; skillTransferability: number; additional: number; rulesVersion: string };
  return `CRS ${x.total}  (core ${x.core}, spouse ${x.spouse}, skill transferability ${x.skillTransferability}, additional ${x.additional})  rules ${x.rulesVersion}`;
};

function publicCrs(r: ReturnType<typeof calculateCrs>) {
  const { versionsUsed: _v, ...rest } = r;
  return rest;
}

export function register(program: Command) {
  common(program.command('crs'))
    .description('Comprehensive Ranking System score for a profile, under the rules in force on --date (default today)')
    .requiredOption('--profile <file>', 'profile JSON file')
    .option('--date <YYYY-MM-DD>')
    .option('--save', 'store the calculation on a case (needs --case)')
    .option('--case <id>')
    .option('--person <id>')
    .action(async (o: CommonOptions & { profile: string; date?: string; save?: boolean; case?: string; person?: string }) => {
      const profile = readProfile(o.profile);
      const date = checkDate(o.date);
      if (o.save || o.data) {
        if (o.save && !o.case) throw new UserError('invalid_input', '--save needs --case ID');
        await withCore(
          o,
          (core) => {
            const r = publicCrs(crsForVault(core, profile, date));
            if (o.save) {
              const saved = saveCrs(core, { caseId: o.case!, personId: o.person, profile, date });
              return { ...r, calculationId: saved.id };
            }
            return r;
          },
          crsText,
        );
      } else print(publicCrs(calculateCrs(profile, { date })), o, crsText);
    });

  common(program.command('fsw'))
    .description('Federal Skilled Worker 67-point grid and minimum requirements')
    .requiredOption('--profile <file>')
    .option('--date <YYYY-MM-DD>')
    .option('--save')
    .option('--case <id>')
    .option('--person <id>')
    .action(async (o: CommonOptions & { profile: string; date?: string; save?: boolean; case?: string; person?: string }) => {
      const profile = readProfile(o.profile);
      const date = checkDate(o.date);
      const text = (r: unknown) => {
        const x = r as { total: number; eligible: boolean; unmet: string[] };
        return `FSW ${x.total}/100 (pass mark 67): ${x.eligible ? 'eligible' : `not eligible: ${x.unmet.join('; ')}`}`;
      };
      const strip = (r: ReturnType<typeof calculateFsw>) => {
        const { versionsUsed: _v, ...rest } = r;
        return rest;
      };
      if (o.save) {
        if (!o.case) throw new UserError('invalid_input', '--save needs --case ID');
        await withCore(
          o,
          (core) => ({
            ...strip(calculateFsw(profile, { rules: loadRules(core), date })),
            assessmentId: saveFsw(core, { caseId: o.case!, personId: o.person, profile, date }).id,
          }),
          text,
        );
      } else if (o.data) await withCore(o, (core) => strip(fswForVault(core, profile, date)), text);
      else print(strip(calculateFsw(profile, { date })), o, text);
    });

  common(program.command('crs-whatif'))
    .description('every single improvement possible for a profile, with its CRS gain, best first')
    .requiredOption('--profile <file>')
    .option('--date <YYYY-MM-DD>')
    .action(async (o: CommonOptions & { profile: string; date?: string }) => {
      const profile = readProfile(o.profile);
      const date = checkDate(o.date);
      const text = (x: unknown) => {
        const r = x as ReturnType<typeof crsWhatIf>;
        return [`Current CRS ${r.baseTotal}`, ...r.improvements.map((i) => `+${String(i.gain).padStart(3)}  ${i.description}`)].join('\n');
      };
      if (o.data) await withCore(o, (core) => whatIfForVault(core, profile, date), text);
      else print(crsWhatIf(profile, { date }), o, text);
    });

  const rules = program.command('rules').description('approved rules and proposals');
  common(rules.command('list'))
    .option('--category <c>', 'crs, fsw, ...')
    .option('--proposals', 'list proposals instead')
    .action((o: CommonOptions & { category?: string; proposals?: boolean }) =>
      withCore(o, (core) => {
        if (o.proposals) return listProposals(core);
        return loadRules(core)
          .filter((r) => !o.category || r.rule_category === o.category)
          .sort((a, b) => a.rule_id.localeCompare(b.rule_id) || a.version - b.version)
          .map((r) => ({
            id: r.id,
            ruleId: r.rule_id,
            version: r.version,
            category: r.rule_category,
            from: r.effective_from.slice(0, 10),
            until: r.effective_until?.slice(0, 10) ?? null,
            label: r.rule_json.label,
            system: (r as unknown as { org_id: string }).org_id === SYSTEM_ORG_ID,
          }));
      }),
    );
  common(rules.command('show <ruleIdOrProposalId>'))
    .description('a rule (all versions) or a proposal with its diff against the approved version')
    .action((id: string, o: CommonOptions) =>
      withCore(o, (core) => {
        const proposal = rows(core, 'rule_proposals', 'id = ?', [id])[0];
        if (proposal) return proposalDiff(core, id);
        const versions = loadRules(core).filter((r) => r.rule_id === id);
        if (!versions.length) throw new UserError('not_found', `no rule or proposal ${id}`);
        return versions.sort((a, b) => a.version - b.version);
      }),
    );
  common(rules.command('propose'))
    .description('propose a new or changed rule: --json \'{"ruleId":..., "ruleJson":..., "effectsJson":..., "summary":..., "effectiveFrom":"YYYY-MM-DD"}\'')
    .requiredOption('--proposal <json>', 'the proposal (or @file.json)')
    .action((o: CommonOptions & { proposal: string }) =>
      withCore(o, (core) => {
        const text = o.proposal.startsWith('@') ? readFileSync(o.proposal.slice(1), 'utf8') : o.proposal;
        return propose(core, parseJsonArg(text, '--proposal') as never);
      }),
    );
  common(rules.command('approve <proposalId>'))
    .option('--notes <text>')
    .action((id: string, o: CommonOptions & { notes?: string }) => withCore(o, (core) => approve(core, id, o.notes)));
  common(rules.command('reject <proposalId>'))
    .requiredOption('--notes <text>')
    .action((id: string, o: CommonOptions & { notes: string }) => withCore(o, (core) => reject(core, id, o.notes)));
  common(rules.command('recompute <calculationId>'))
    .description('replay a saved CRS calculation under the rule versions it used')
    .action((id: string, o: CommonOptions) => withCore(o, (core) => recomputeSavedCrs(core, id)));

  const law = program.command('law').description('law sources');
  common(law.command('import <file>'))
    .requiredOption('--url <url>')
    .requiredOption('--jurisdiction <j>')
    .option('--source-type <t>')
    .action((file: string, o: CommonOptions & { url: string; jurisdiction: string; sourceType?: string }) =>
      withCore(o, (core) => importLawSource(core, file, { url: o.url, jurisdiction: o.jurisdiction, sourceType: o.sourceType })),
    );
}
