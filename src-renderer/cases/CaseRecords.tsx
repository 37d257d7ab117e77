/**
 * A case's communications, appointments and money: each list with the form that adds to it (log a call
 * or a letter, book an appointment, issue an invoice, record a payment). Every form sends through the
 * contract, whose schemas and the core's validation name a bad field; the list refreshes on the change.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Input, Method } from '../../src-shared/contract';
import type { CaseFile } from '../../src-shared/contract/views';
import { call } from '../app/api';
import { DateField, Empty, ErrorNote, when } from '../app/ui';
import { formatDate, formatDateTime, formatMoney } from '../app/format';

const COMM_TYPES = ['call', 'email', 'meeting', 'letter', 'sms', 'chat', 'note'] as const;
const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
const APPOINTMENT_TYPES = ['consultation', 'document_review', 'biometrics', 'interview', 'follow_up'] as const;
const MODES = ['in_person', 'phone', 'video'] as const;
const PAYMENT_TYPES = ['e_transfer', 'bank_transfer', 'credit_card', 'check', 'cash', 'trust_transfer'] as const;

/** A form's submit: a mutation that refreshes the case and clears the form when the core accepts it. */
function useAdd<M extends Method>(method: M, input: () => Input<M>, reset: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(method, input()),
    onSuccess: () => {
      reset();
      void qc.invalidateQueries();
    },
  });
}

export function Communications({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const rows = c.communications ?? [];
  const blank = { communicationType: 'call', direction: 'inbound', subject: '', body: '' };
  const [f, setF] = useState(blank);
  const add = useAdd(
    'communications.log',
    () => ({ caseId: c.id, communication: Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '')) }),
    () => setF(blank),
  );
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setF({ ...f, [k]: e.target.value });
  return (
    <div className="grid2">
      <div className="card">
        <h2>{t('case.tab.communications')}</h2>
        {!rows.length && <Empty>{t('comms.empty')}</Empty>}
        <ul className="plain">
          {rows.map((m) => (
            <li key={m.id}>
              <time className="muted">{when(m.created_at)}</time> <span className="badge">{t(`comms.type.${m.communication_type}`)}</span>{' '}
              <span className="muted">{t(`comms.direction.${m.direction}`)}</span> <strong>{m.subject ?? ''}</strong>
              {m.body && <div className="muted small">{String(m.body).slice(0, 300)}</div>}
            </li>
          ))}
        </ul>
      </div>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <h2>{t('comms.log')}</h2>
        <label>
          {t('comms.kind')}
          <select value={f.communicationType} onChange={set('communicationType')}>
            {COMM_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`comms.type.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('comms.with')}
          <select value={f.direction} onChange={set('direction')}>
            {DIRECTIONS.map((x) => (
              <option key={x} value={x}>
                {t(`comms.direction.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('comms.subject')}
          <input value={f.subject} onChange={set('subject')} maxLength={500} />
        </label>
        <label>
          {t('comms.body')}
          <textarea value={f.body} onChange={set('body')} rows={4} />
        </label>
        <ErrorNote error={add.error} />
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('comms.save')}
        </button>
      </form>
    </div>
  );
}

export function Appointments({ c }: { c: CaseFile }) {
  const { t, i18n } = useTranslation();
  const rows = c.appointments ?? [];
  const blank = { appointmentType: 'consultation', day: '', time: '', durationMinutes: '60', meetingMode: 'in_person', location: '' };
  const [f, setF] = useState(blank);
  const add = useAdd(
    'appointments.schedule',
    () => ({
      caseId: c.id,
      appointment: {
        appointmentType: f.appointmentType,
        // Day and time are this computer's local time; the core keeps an instant.
        scheduledAt: f.day && f.time ? new Date(`${f.day}T${f.time}`).toISOString() : '',
        durationMinutes: Number(f.durationMinutes),
        meetingMode: f.meetingMode,
        ...(f.location.trim() ? { location: f.location.trim() } : {}),
      },
    }),
    () => setF(blank),
  );
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [k]: e.target.value });
  return (
    <div className="grid2">
      <div className="card">
        <h2>{t('case.tab.appointments')}</h2>
        {!rows.length && <Empty>{t('appointments.empty')}</Empty>}
        <ul className="plain">
          {rows.map((a) => (
            <li key={a.id}>
              <time dateTime={a.scheduled_at ?? undefined}>{a.scheduled_at ? formatDateTime(a.scheduled_at, i18n.language) : '—'}</time>{' '}
              <strong>{t(`appointments.type.${a.appointment_type}`, { defaultValue: a.appointment_type })}</strong>{' '}
              <span className="muted">
                {t(`appointments.mode.${a.meeting_mode ?? 'in_person'}`)}
                {a.location ? ` · ${a.location}` : ''}
              </span>{' '}
              <span className="badge">{t(`appointments.status.${a.status}`)}</span>
            </li>
          ))}
        </ul>
      </div>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <h2>{t('appointments.book')}</h2>
        <label>
          {t('appointments.kind')}
          <select value={f.appointmentType} onChange={set('appointmentType')}>
            {APPOINTMENT_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`appointments.type.${x}`)}
              </option>
            ))}
          </select>
        </label>
        {/* Day, month and year in words (never the browser's mm/dd/yyyy), and the time of day beside it. */}
        <DateField label={t('appointments.at')} value={f.day} onChange={(day) => setF({ ...f, day })} required testId="appointment-day" />
        <label>
          {t('appointments.time')}
          <input type="time" value={f.time} onChange={set('time')} required step={300} />
        </label>
        <label>
          {t('appointments.minutes')}
          <input type="number" min={5} max={600} step={5} value={f.durationMinutes} onChange={set('durationMinutes')} />
        </label>
        <label>
          {t('appointments.how')}
          <select value={f.meetingMode} onChange={set('meetingMode')}>
            {MODES.map((x) => (
              <option key={x} value={x}>
                {t(`appointments.mode.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('appointments.where')}
          <input value={f.location} onChange={set('location')} maxLength={255} />
        </label>
        <ErrorNote error={add.error} />
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('appointments.save')}
        </button>
      </form>
    </div>
  );
}

export function Money({ c }: { c: CaseFile }) {
  const { t, i18n } = useTranslation();
  const money = (v: unknown, cur: string | null | undefined) => formatMoney(v, cur, i18n.language);
  const invoices = c.invoices ?? [];
  const payments = c.payments ?? [];
  const blankInvoice = { description: '', quantity: '1', unitPrice: '', taxRate: '13', dueInDays: '30' };
  const [inv, setInv] = useState(blankInvoice);
  const issue = useAdd(
    'invoices.create',
    () => ({
      caseId: c.id,
      lineItems: [{ description: inv.description, quantity: Number(inv.quantity), unitPrice: inv.unitPrice }],
      taxRate: Number(inv.taxRate) / 100,
      dueInDays: Number(inv.dueInDays),
    }),
    () => setInv(blankInvoice),
  );
  const blankPayment = { amount: '', invoiceId: '', paymentType: 'e_transfer', date: '' };
  const [pay, setPay] = useState(blankPayment);
  const record = useAdd(
    'payments.record',
    () => ({
      caseId: c.id,
      amount: pay.amount,
      paymentType: pay.paymentType,
      ...(pay.invoiceId ? { invoiceId: pay.invoiceId } : {}),
      ...(pay.date ? { date: pay.date } : {}),
    }),
    () => setPay(blankPayment),
  );
  const setI = (k: keyof typeof inv) => (e: React.ChangeEvent<HTMLInputElement>) => setInv({ ...inv, [k]: e.target.value });
  const setP = (k: keyof typeof pay) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setPay({ ...pay, [k]: e.target.value });
  return (
    <div className="grid2">
      <div className="card">
        <h2>{t('money.fees')}</h2>
        <dl className="facts">
          <dt>{t('money.total')}</dt>
          <dd>{money(c.total_fees ?? '0', 'CAD')}</dd>
          <dt>{t('money.paid')}</dt>
          <dd data-testid="paid-amount" data-amount={c.paid_amount ?? '0'}>
            {money(c.paid_amount ?? '0', 'CAD')}
          </dd>
        </dl>
        <h3>{t('money.invoices')}</h3>
        {!invoices.length && <Empty>{t('money.noInvoices')}</Empty>}
        <ul className="plain">
          {invoices.map((i) => (
            <li key={i.id}>
              {i.invoice_number ?? '—'} · {formatDate(i.invoice_date, i18n.language)} · <strong>{money(i.total_amount, i.currency)}</strong>{' '}
              <span className="badge">{t(`money.invoiceStatus.${i.status}`)}</span>
            </li>
          ))}
        </ul>
        <h3>{t('money.payments')}</h3>
        {!payments.length && <Empty>{t('money.noPayments')}</Empty>}
        <ul className="plain">
          {payments.map((x) => (
            <li key={x.id}>
              {formatDate(x.payment_date, i18n.language)} · <strong>{money(x.amount, x.currency)}</strong>{' '}
              <span className="muted">{x.payment_type ? t(`money.paymentType.${x.payment_type}`) : ''}</span>{' '}
              <span className="badge">{t(`money.status.${x.status}`)}</span>
            </li>
          ))}
        </ul>
      </div>
      <div>
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            issue.mutate();
          }}
        >
          <h2>{t('money.newInvoice')}</h2>
          <label>
            {t('money.description')}
            <input value={inv.description} onChange={setI('description')} required maxLength={500} />
          </label>
          <div className="row">
            <label>
              {t('money.quantity')}
              <input type="number" min={0.25} step={0.25} value={inv.quantity} onChange={setI('quantity')} />
            </label>
            <label>
              {t('money.unitPrice')}
              <input inputMode="decimal" value={inv.unitPrice} onChange={setI('unitPrice')} required />
            </label>
            <label>
              {t('money.taxRate')}
              <input type="number" min={0} max={100} step={0.5} value={inv.taxRate} onChange={setI('taxRate')} />
            </label>
            <label>
              {t('money.dueInDays')}
              <input type="number" min={0} max={365} value={inv.dueInDays} onChange={setI('dueInDays')} />
            </label>
          </div>
          <ErrorNote error={issue.error} />
          <button type="submit" className="primary" disabled={issue.isPending}>
            {t('money.issue')}
          </button>
        </form>
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate();
          }}
        >
          <h2>{t('money.recordPayment')}</h2>
          <label>
            {t('money.amount')}
            <input inputMode="decimal" value={pay.amount} onChange={setP('amount')} required />
          </label>
          <label>
            {t('money.forInvoice')}
            <select value={pay.invoiceId} onChange={setP('invoiceId')}>
              <option value="">{t('money.noInvoice')}</option>
              {invoices.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.invoice_number} · {i.total_amount}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('money.how')}
            <select value={pay.paymentType} onChange={setP('paymentType')}>
              {PAYMENT_TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`money.paymentType.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <DateField label={t('money.date')} value={pay.date} onChange={(v) => setPay({ ...pay, date: v })} />
          <ErrorNote error={record.error} />
          <button type="submit" className="primary" disabled={record.isPending}>
            {t('money.record')}
          </button>
        </form>
      </div>
    </div>
  );
}
