/**
 * The CRM screens' words in both languages, kept with the screens (as config's and debt advice's are) and
 * read through `crmWords(language)`; the type makes French carry every English key.
 */
import type { Factor } from '../../src-shared/crm/scoring';
import type { ClockState } from '../../src-shared/crm/sla';

type Words = {
  nav: string;
  tabs: { contacts: string; leads: string; pipeline: string; tickets: string };
  contacts: {
    title: string;
    search: string;
    none: string;
    add: string;
    name: string;
    email: string;
    phone: string;
    country: string;
    tags: string;
    firstName: string;
    lastName: string;
  };
  leads: {
    title: string;
    none: string;
    add: string;
    source: string;
    caseType: string;
    score: string;
    statusLabel: string;
    status: Record<'new' | 'qualified' | 'contacted' | 'converted' | 'lost', string>;
    sources: Record<'referral' | 'website' | 'walk_in' | 'event' | 'social' | 'ads', string>;
    respond: string;
    convert: string;
    converted: (caseNumber: string) => string;
    openCase: string;
    back: string;
  };
  score: {
    title: string;
    method: { model: string; heuristic: string };
    confidence: (n: number) => string;
    trainedOn: (n: number) => string;
    factor: Record<Factor['factor'], string>;
    points: (n: number) => string;
    explain: string;
    notAnswered: string;
    hours: (h: string) => string;
    wonOf: (won: string, of: string) => string;
    rule: string;
  };
  board: {
    title: string;
    limit: (n: number, mode: 'soft' | 'strict') => string;
    over: (n: number) => string;
    overflow: string;
    moveTo: string;
    dragHelp: string;
    probability: (n: number) => string;
    empty: string;
    moved: (title: string, stage: string) => string;
    more: (n: number) => string;
  };
  tickets: {
    title: string;
    none: string;
    add: string;
    subject: string;
    priority: string;
    priorities: Record<'low' | 'normal' | 'high' | 'urgent', string>;
    firstResponse: string;
    resolution: string;
    due: string;
    state: Record<ClockState, string>;
    steps: Record<'respond' | 'wait' | 'resume' | 'resolve', string>;
    status: Record<'new' | 'open' | 'waiting_on_customer' | 'resolved' | 'closed', string>;
  };
};

const en: Words = {
  nav: 'Clients & leads',
  tabs: { contacts: 'Contacts', leads: 'Leads', pipeline: 'Pipeline', tickets: 'Tickets' },
  contacts: {
    title: 'Contacts',
    search: 'Search contacts by name, email or phone',
    none: 'No contacts yet.',
    add: 'Add contact',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    country: 'Country',
    tags: 'Tags',
    firstName: 'First name',
    lastName: 'Last name',
  },
  leads: {
    title: 'Leads',
    none: 'No leads yet.',
    add: 'Add lead',
    source: 'Source',
    caseType: 'Type of case',
    score: 'Score',
    statusLabel: 'Status',
    status: { new: 'New', qualified: 'Qualified', contacted: 'Contacted', converted: 'Won', lost: 'Lost' },
    sources: { referral: 'Referral', website: 'Website', walk_in: 'Walk-in', event: 'Event', social: 'Social media', ads: 'Advertising' },
    respond: 'Record first answer',
    convert: 'Won: open the case',
    converted: (n) => `Won. Case ${n} is open.`,
    openCase: 'Open the case',
    back: 'Back to leads',
  },
  score: {
    title: 'Why this score',
    method: { model: 'Learned from this firm’s won and lost leads', heuristic: 'Rule of thumb (not enough history yet)' },
    confidence: (n) => `Confidence ${n} %`,
    trainedOn: (n) => `Learned from ${n} closed leads`,
    factor: {
      source: 'Source',
      response_time: 'Time to first answer',
      activities: 'Calls, emails and meetings',
      case_type: 'Type of case',
      country: 'Country',
      base: 'Starting point',
    },
    points: (n) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)} points`,
    explain: 'Each line is what that factor adds to or takes from the score, compared with the firm’s average lead.',
    notAnswered: 'not answered yet',
    hours: (h) => `${h} h`,
    wonOf: (won, of) => `${won} won of ${of} closed`,
    rule: 'rule of thumb',
  },
  board: {
    title: 'Pipeline',
    limit: (n, mode) => `Limit ${n}${mode === 'strict' ? ' (strict)' : ''}`,
    over: (n) => `${n} over the limit`,
    overflow: 'Over the strict limit after sync: move this deal out or ask a manager to raise the limit.',
    moveTo: 'Move to',
    dragHelp: 'Drag a deal to another stage, or focus it and press Space, the arrow keys, then Space again.',
    probability: (n) => `${n} % likely`,
    empty: 'No open deals.',
    moved: (title, stage) => `${title} moved to ${stage}.`,
    more: (n) => `Show more (${n} not shown)`,
  },
  tickets: {
    title: 'Support tickets',
    none: 'No tickets.',
    add: 'Open ticket',
    subject: 'Subject',
    priority: 'Priority',
    priorities: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
    firstResponse: 'First answer',
    resolution: 'Resolution',
    due: 'due',
    state: { on_track: 'On track', at_risk: 'At risk', breached: 'Breached', met: 'Met', paused: 'Waiting on the customer' },
    steps: { respond: 'Answered', wait: 'Waiting on customer', resume: 'Customer replied', resolve: 'Resolved' },
    status: { new: 'New', open: 'Open', waiting_on_customer: 'Waiting on the customer', resolved: 'Resolved', closed: 'Closed' },
  },
};

const fr: Words = {
  nav: 'Clients et prospects',
  tabs: { contacts: 'Contacts', leads: 'Prospects', pipeline: 'Pipeline', tickets: 'Tickets' },
  contacts: {
    title: 'Contacts',
    search: 'Chercher un contact par nom, courriel ou téléphone',
    none: 'Aucun contact pour l’instant.',
    add: 'Ajouter le contact',
    name: 'Nom',
    email: 'Courriel',
    phone: 'Téléphone',
    country: 'Pays',
    tags: 'Étiquettes',
    firstName: 'Prénom',
    lastName: 'Nom de famille',
  },
  leads: {
    title: 'Prospects',
    none: 'Aucun prospect pour l’instant.',
    add: 'Ajouter le prospect',
    source: 'Provenance',
    caseType: 'Type de dossier',
    score: 'Note',
    statusLabel: 'Statut',
    status: { new: 'Nouveau', qualified: 'Qualifié', contacted: 'Contacté', converted: 'Gagné', lost: 'Perdu' },
    sources: { referral: 'Recommandation', website: 'Site web', walk_in: 'Sans rendez-vous', event: 'Événement', social: 'Réseaux sociaux', ads: 'Publicité' },
    respond: 'Noter la première réponse',
    convert: 'Gagné : ouvrir le dossier',
    converted: (n) => `Gagné. Le dossier ${n} est ouvert.`,
    openCase: 'Ouvrir le dossier',
    back: 'Retour aux prospects',
  },
  score: {
    title: 'Pourquoi cette note',
    method: { model: 'Apprise des prospects gagnés et perdus du cabinet', heuristic: 'Règle empirique (pas encore assez d’historique)' },
    confidence: (n) => `Confiance ${n} %`,
    trainedOn: (n) => `Apprise de ${n} prospects clos`,
    factor: {
      source: 'Provenance',
      response_time: 'Délai de première réponse',
      activities: 'Appels, courriels et rencontres',
      case_type: 'Type de dossier',
      country: 'Pays',
      base: 'Point de départ',
    },
    points: (n) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${String(Math.abs(n)).replace('.', ',')} points`,
    explain: 'Chaque ligne est ce que ce facteur ajoute à la note ou en retire, par rapport au prospect moyen du cabinet.',
    notAnswered: 'pas encore de réponse',
    hours: (h) => `${h.replace('.', ',')} h`,
    wonOf: (won, of) => `${won} gagnés sur ${of} clos`,
    rule: 'règle empirique',
  },
  board: {
    title: 'Pipeline',
    limit: (n, mode) => `Limite ${n}${mode === 'strict' ? ' (stricte)' : ''}`,
    over: (n) => `${n} au-delà de la limite`,
    overflow: 'Au-delà de la limite stricte après synchronisation : sortez cette affaire de l’étape ou demandez à un gestionnaire de relever la limite.',
    moveTo: 'Déplacer vers',
    dragHelp: 'Glissez une affaire vers une autre étape, ou placez-vous dessus et appuyez sur Espace, les flèches, puis Espace.',
    probability: (n) => `${n} % de chances`,
    empty: 'Aucune affaire en cours.',
    moved: (title, stage) => `${title} déplacée vers ${stage}.`,
    more: (n) => `Afficher plus (${n} non affichées)`,
  },
  tickets: {
    title: 'Tickets de support',
    none: 'Aucun ticket.',
    add: 'Ouvrir le ticket',
    subject: 'Objet',
    priority: 'Priorité',
    priorities: { low: 'Basse', normal: 'Normale', high: 'Haute', urgent: 'Urgente' },
    firstResponse: 'Première réponse',
    resolution: 'Résolution',
    due: 'échéance',
    state: { on_track: 'Dans les temps', at_risk: 'À risque', breached: 'Dépassé', met: 'Respecté', paused: 'En attente du client' },
    steps: { respond: 'Répondu', wait: 'En attente du client', resume: 'Le client a répondu', resolve: 'Résolu' },
    status: { new: 'Nouveau', open: 'Ouvert', waiting_on_customer: 'En attente du client', resolved: 'Résolu', closed: 'Fermé' },
  },
};

export const crmWords = (language: string): Words => (language.startsWith('fr') ? fr : en);
export type CrmWords = Words;
