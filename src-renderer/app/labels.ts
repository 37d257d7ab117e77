/**
 * Words for every code the window shows, from one place and in the person's language: case types,
 * statuses, priorities, document kinds, language tests, roles, audit actions, tables, rule names and
 * rule-set versions. A code nobody has named yet (a firm's own case type, a new rule) is shown as the
 * name its owner gave it or, failing that, as words made from the code: never as the raw code.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction, i18n as I18n } from 'i18next';
import { formatDate } from './format';

const ABILITY = /^(.*)\.(listening|reading|writing|speaking)$/;

/** "police_certificate" -> "Police certificate", "BC_PNP_TECH" -> "Bc pnp tech": the last resort. */
export function humanize(code: string): string {
  const s = code
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return s ? s[0].toUpperCase() + s.slice(1) : code;
}

export function makeLabels(t: TFunction, i18n: I18n) {
  const word = (key: string, fallback: string, opts?: Record<string, unknown>) => (i18n.exists(key) ? t(key, opts) : fallback);
  const ruleKey = (id: string) => `label.rule.${id.replace(/\./g, '_')}`;
  const labels = {
    caseType: (code: string, given?: string | null) => word(`label.caseType.${code}`, given && given !== code ? given : humanize(code)),
    status: (code: string) => word(`status.${code}`, humanize(code)),
    priority: (code: string) => word(`priority.${code}`, humanize(code)),
    docType: (code: string | null | undefined) => (code ? word(`label.docType.${code}`, humanize(code)) : t('label.docType.other')),
    languageTest: (code: string) => word(`label.languageTest.${code}`, code.replace(/_/g, ' ')),
    role: (code: string | null | undefined) => (code ? word(`label.role.${code}`, humanize(code)) : ''),
    table: (name: string | null | undefined) => (name ? word(`label.table.${name}`, humanize(name).toLowerCase()) : ''),
    /** "create" on "document_metadata" -> "Created · document details". */
    audit: (action: string, table?: string | null) => {
      const a = word(`label.audit.${action}`, humanize(action));
      return table ? `${a} · ${labels.table(table)}` : a;
    },
    pack: (pack: string) => word(`label.pack.${pack}`, pack.toUpperCase()),
    /** A pack's factor group ("skillTransferability" -> "Skill transferability"). */
    ruleGroup: (group: string) => word(`label.ruleGroup.${group}`, humanize(group.replace(/([a-z])([A-Z])/g, '$1 $2'))),
    /** A rule's name from its id; per-ability rules share one name with the ability in it. */
    rule: (id: string, given?: string) => {
      if (i18n.exists(ruleKey(id))) return t(ruleKey(id));
      const m = ABILITY.exec(id);
      if (m && i18n.exists(ruleKey(m[1]))) return t(ruleKey(m[1]), { ability: t(`label.ability.${m[2]}`) });
      return given ?? humanize(id.split('.').slice(1).join(' '));
    },
    /**
     * "crs@2025-03-25+b4cec8f2" (pack, latest effective date, hash) named in words for the day the
     * calculation was made: "CRS rules in force on 24 March 2026". The hash stays for support.
     */
    rulesVersion: (version: string, onDate?: string) => {
      const m = /^([a-z_]+)@(\d{4}-\d{2}-\d{2})/.exec(version);
      if (!m) return version;
      return t('label.rulesOn', { pack: labels.pack(m[1]), date: formatDate(onDate ?? m[2], i18n.language) });
    },
  };
  return labels;
}

export type Labels = ReturnType<typeof makeLabels>;

export function useLabels(): Labels {
  const { t, i18n } = useTranslation();
  // Rebuilt when the language changes, so every screen re-renders its words.
  return useMemo(() => makeLabels(t, i18n), [t, i18n, i18n.language]);
}
