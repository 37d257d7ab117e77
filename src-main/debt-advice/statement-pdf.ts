/**
 * The financial statement a creditor receives, as a PDF made on the laptop (pdf-lib: pure JS, no
 * network, no native code): the SFS sections with each line as typed and as a monthly figure, the
 * totals, the priority debts with their arrears payments, and the offers. Only a final statement can be
 * printed: a trainee's statement awaiting sign-off never reaches a creditor. The NI number is never
 * printed; account references are masked unless the caller reveals them.
 *
 * The layout is code: a statement is tables of figures, which the templates table's letters (merge
 * fields in running text, src-main/config/templates.ts) do not describe. Standard fonts only (Helvetica, WinAnsi): characters
 * outside Latin-1 are transliterated or replaced so a client's name never makes the PDF fail.
 */
// Types only at the top: pdf-lib itself loads with the first statement, not with every command.
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { UserError } from '../../src-shared/errors';
import { winAnsi } from '../../src-shared/text/win-ansi';
import { SECTIONS, displayPence, parsePence, type Section } from '../../src-shared/debt-advice';
import type { Core } from '../core/core';
import { mustRead, rows } from '../core/writer';
import { showBudget } from './budgets';
import { debtsOf } from './clients';

const SECTION_TITLES: Record<Section, string> = {
  income: 'Income',
  fixed: 'Fixed costs',
  flexible: 'Flexible costs',
  savings: 'Savings contribution',
};
const FREQ: Record<string, string> = {
  weekly: 'weekly',
  fortnightly: 'fortnightly',
  four_weekly: '4-weekly',
  monthly: 'monthly',
  quarterly: 'quarterly',
  yearly: 'yearly',
};

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private doc: PDFDocument,
    private font: PDFFont,
    private bold: PDFFont,
    private black: ReturnType<(typeof import('pdf-lib'))['rgb']>,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage([595.28, 841.89]); // A4
    this.y = 800;
  }
  line(text: string, opts: { x?: number; size?: number; bold?: boolean; right?: string; rightX?: number } = {}) {
    if (this.y < 60) this.newPage();
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    this.page.drawText(winAnsi(text), { x: opts.x ?? 50, y: this.y, size, font, color: this.black });
    if (opts.right !== undefined) {
      const r = winAnsi(opts.right);
      const w = font.widthOfTextAtSize(r, size);
      this.page.drawText(r, { x: (opts.rightX ?? 545) - w, y: this.y, size, font });
    }
    this.y -= size + 6;
  }
  gap(n = 8) {
    this.y -= n;
  }
}

const mask = (s: unknown) => (typeof s === 'string' && s ? `${'•'.repeat(Math.max(0, s.length - 4))}${s.slice(-4)}` : '');

export async function statementPdf(core: Core, budgetId: string, opts: { revealReferences?: boolean } = {}): Promise<Uint8Array> {
  const shown = showBudget(core, budgetId);
  const b = shown.budget;
  if (b.status !== 'final')
    throw new UserError('invalid_transition', `this statement is ${b.status}: only a final (signed-off) statement can be sent to creditors`);
  const c = mustRead(core, 'cases', b.case_id as string, 'case');
  const org = mustRead(core, 'organizations', core.actor.orgId, 'organization');
  const client = (c.client_data as { name?: string } | null)?.name ?? '';
  const debts = debtsOf(core, c.id as string);
  const creditors = new Map(rows(core, 'debt_creditors', 'org_id = ?', [core.actor.orgId]).map((r) => [r.id as string, r.name as string]));
  const offers = rows(core, 'debt_offers', "budget_id = ? AND status <> 'withdrawn'", [budgetId]);
  const name = (d: { creditor_id?: unknown; debt_type?: unknown }) => creditors.get(d.creditor_id as string) ?? String(d.debt_type).replace(/_/g, ' ');

  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`Financial statement ${c.case_number}`));
  doc.setProducer('Casework');
  doc.setCreationDate(new Date(`${b.budget_date as string}T12:00:00Z`));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), rgb(0, 0, 0));
  w.line('Financial statement', { size: 18, bold: true });
  w.line(`${org.name as string} - case ${c.case_number as string}`);
  w.line(`Client: ${client}`);
  w.line(`Statement date: ${b.budget_date as string}    Household: ${b.household_adults ?? 1} adult(s), ${b.household_children ?? 0} child(ren)`);
  w.line('Standard Financial Statement structure; every amount shown per month (weekly x 52/12, fortnightly x 26/12, 4-weekly x 13/12, yearly / 12).', {
    size: 8,
  });
  w.gap();
  for (const s of SECTIONS) {
    const lines = shown.lines.filter((l) => l.section === s);
    if (!lines.length) continue;
    w.line(SECTION_TITLES[s], { bold: true, size: 12 });
    for (const l of lines) {
      w.line(`${l.category.replace(/_/g, ' ')}: ${l.label}  (${displayPence(parsePence(l.amount))} ${FREQ[l.frequency] ?? l.frequency})`, {
        x: 60,
        right: displayPence(parsePence(l.monthly)),
      });
      // The adviser's note (required above a spending guideline) tells the creditor why.
      if (l.note) w.line(`note: ${l.note.slice(0, 150)}`, { x: 72, size: 8 });
    }
    w.gap(4);
  }
  const t = shown.totals;
  w.line('Total monthly income', { bold: true, right: displayPence(parsePence(t.income)) });
  w.line('Total monthly expenditure', { bold: true, right: displayPence(parsePence(t.expenditure)) });
  w.line(parsePence(t.surplus) >= 0 ? 'Monthly surplus' : 'Monthly deficit', { bold: true, right: displayPence(parsePence(t.surplus)) });
  w.gap();
  const priority = debts.filter((d) => d.is_priority);
  if (priority.length) {
    w.line('Priority debts (paid first)', { bold: true, size: 12 });
    for (const d of priority)
      w.line(`${name(d)}  arrears ${displayPence(parsePence(d.arrears as string))}`, {
        x: 60,
        right: d.arrears_offer ? `${displayPence(parsePence(d.arrears_offer as string))} / month` : 'no arrangement',
      });
    w.gap();
  }
  if (offers.length) {
    w.line('Offers to non-priority creditors', { bold: true, size: 12 });
    const byId = new Map(debts.map((d) => [d.id as string, d]));
    for (const o of offers) {
      const d = byId.get(o.debt_id as string);
      if (!d) continue;
      const ref = opts.revealReferences ? ((d.account_reference as string | null) ?? '') : mask(d.account_reference);
      w.line(`${name(d)}${ref ? ` (ref ${ref})` : ''}  balance ${displayPence(parsePence(d.balance as string))}`, {
        x: 60,
        right: `${displayPence(parsePence(o.amount as string))} / month${o.is_token ? ' (token)' : ''}`,
      });
    }
    const total = offers.reduce((s, o) => s + parsePence(o.amount as string), 0);
    w.line('Total offered', { bold: true, right: `${displayPence(total)} / month` });
  }
  return doc.save();
}
