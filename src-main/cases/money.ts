/** Invoices and payments of a case; a payment keeps the case's paid_amount and payment_status current. */
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { addCaseEvent } from './events';

const cents = (s: unknown) => Math.round(Number(s ?? 0) * 100);
const money = (c: number) => (c / 100).toFixed(2);

export interface InvoiceInput {
  caseId: string;
  lineItems: Array<{ description: string; quantity: number; unitPrice: string | number }>;
  taxRate?: number;
  dueInDays?: number;
  billToName?: string;
  invoiceType?: string;
}

export function createInvoice(core: Core, input: InvoiceInput): Row {
  const c = mustRead(core, 'cases', input.caseId, 'case');
  if (!Array.isArray(input.lineItems) || input.lineItems.length === 0) throw new UserError('invalid_input', 'an invoice needs at least one line item');
  const items = input.lineItems.map((li, i) => {
    const q = Number(li.quantity);
    const p = cents(li.unitPrice);
    if (!li.description || !(q > 0) || !Number.isFinite(p) || p < 0)
      throw new UserError('invalid_input', `lineItems.${i}: needs a description, a positive quantity and a unit price`);
    return { description: li.description, quantity: q, unitPrice: money(p), amount: money(Math.round(q * p)) };
  });
  const subtotal = items.reduce((s, li) => s + cents(li.amount), 0);
  const tax = Math.round(subtotal * (input.taxRate ?? 0));
  const year = new Date().getUTCFullYear();
  const key = `invoice_seq_${year}`;
  const seq = Number(core.meta(key) ?? '0') + 1;
  core.setMeta(key, String(seq));
  const today = new Date();
  const due = new Date(today.getTime() + (input.dueInDays ?? 30) * 86400_000);
  const client = (c.client_data as { name?: string })?.name;
  return write(core, {
    table: 'invoices',
    op: 'insert',
    fields: {
      case_id: c.id,
      invoice_number: `INV-${year}-${String(seq).padStart(4, '0')}-${core.actor.clientId.replace(/-/g, '').slice(0, 4).toUpperCase()}`,
      invoice_type: input.invoiceType ?? 'standard',
      subtotal: money(subtotal),
      tax_amount: money(tax),
      total_amount: money(subtotal + tax),
      bill_to_name: input.billToName ?? client ?? 'Client',
      line_items: items,
      invoice_date: today.toISOString().slice(0, 10),
      due_date: due.toISOString().slice(0, 10),
      created_by: core.actor.userId,
    },
  });
}

export function recordPayment(core: Core, input: { caseId: string; invoiceId?: string; amount: string | number; paymentType?: string; date?: string }): Row {
  const c = mustRead(core, 'cases', input.caseId, 'case');
  const amount = cents(input.amount);
  if (!Number.isFinite(amount) || amount <= 0) throw new UserError('invalid_input', 'amount must be a positive number');
  return core.tx(() => {
    const p = write(core, {
      table: 'payments',
      op: 'insert',
      fields: {
        case_id: c.id,
        invoice_id: input.invoiceId ?? null,
        amount: money(amount),
        payment_type: input.paymentType ?? 'bank_transfer',
        status: 'completed',
        payment_date: input.date ?? new Date().toISOString(),
      },
    });
    const paid = rows(core, 'payments', "case_id = ? AND status = 'completed'", [c.id]).reduce((s, r) => s + cents(r.amount), 0);
    const total = cents(c.total_fees);
    write(core, {
      table: 'cases',
      op: 'update',
      id: c.id as string,
      fields: { paid_amount: money(paid), payment_status: total > 0 && paid >= total ? 'paid' : 'partial' },
    });
    if (input.invoiceId) {
      const inv = mustRead(core, 'invoices', input.invoiceId, 'invoice');
      const invPaid = rows(core, 'payments', "invoice_id = ? AND status = 'completed'", [inv.id]).reduce((s, r) => s + cents(r.amount), 0);
      if (invPaid >= cents(inv.total_amount))
        write(core, { table: 'invoices', op: 'update', id: inv.id as string, fields: { status: 'paid', paid_date: new Date().toISOString().slice(0, 10) } });
    }
    addCaseEvent(core, {
      caseId: c.id as string,
      type: 'payment_received',
      title: `Payment received: ${money(amount)} CAD`,
      data: { paymentId: p.id, amount: money(amount), currency: 'CAD' },
    });
    return p;
  });
}
