/**
 * The CRM pack's screens (issue 20) under /crm: contacts, leads (each with its score explained), the
 * pipeline board and support tickets. One sub-navigation; each screen loads with the pack's chunk.
 */
import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { crmWords } from './words';
import { Contacts } from './Contacts';
import { Leads, LeadPage } from './Leads';
import { Board } from './Board';
import { Tickets } from './Tickets';
import './crm.css';

export function Crm() {
  const { i18n } = useTranslation();
  const w = crmWords(i18n.language);
  return (
    <section className="page crm">
      <nav className="crm-tabs" aria-label={w.nav}>
        <NavLink to="/crm/contacts">{w.tabs.contacts}</NavLink>
        <NavLink to="/crm/leads">{w.tabs.leads}</NavLink>
        <NavLink to="/crm/pipeline">{w.tabs.pipeline}</NavLink>
        <NavLink to="/crm/tickets">{w.tabs.tickets}</NavLink>
      </nav>
      <Routes>
        <Route index element={<Navigate to="/crm/leads" replace />} />
        <Route path="contacts" element={<Contacts />} />
        <Route path="leads" element={<Leads />} />
        <Route path="leads/:id" element={<LeadPage />} />
        <Route path="pipeline" element={<Board />} />
        <Route path="tickets" element={<Tickets />} />
      </Routes>
    </section>
  );
}
