/** English (Canada). The French file must have exactly the same keys (tests/ui/i18n.test.ts). */
export const en = {
  common: { loading: 'Loading…', cancel: 'Cancel' },
  errors: { internal: 'Something went wrong inside Casework. Your data is unchanged; try again.', offline: 'Casework’s core is not answering. Is it still running?' },
  nav: { label: 'Main', today: 'Today', cases: 'Cases', search: 'Search', rules: 'Rules', settings: 'Settings', lock: 'Lock' },
  unlock: {
    title: 'Unlock your vault', intro: 'Your cases are encrypted on this computer. Enter your passphrase to open them.',
    createTitle: 'Welcome to Casework', createIntro: 'Create an encrypted vault on this computer for your practice’s cases and documents.',
    orgName: 'Practice name', passphrase: 'Passphrase', confirm: 'Passphrase again', mismatch: 'The two passphrases are not the same.',
    unlock: 'Unlock', create: 'Create vault', keyNote: 'Nobody can recover a forgotten passphrase: keep it somewhere safe.',
  },
  today: {
    title: 'Today', tasks: 'Tasks due this week', deadlines: 'Deadlines', recent: 'Recent cases', noTasks: 'Nothing due this week.',
    noDeadlines: 'No document expires in the next 60 days.', noCases: 'No cases yet.', openCases: 'Open a case', expired: 'expired {{date}}', expires: 'expires {{date}}',
  },
  cases: {
    title: 'Cases', new: 'New case', create: 'Create case', search: 'Search cases', searchPlaceholder: 'Client name or case number…',
    status: 'Status', priority: 'Priority', type: 'Type', sort: 'Sort by', client: 'Client', number: 'Case number',
    anyStatus: 'Any status', anyPriority: 'Any priority', anyType: 'Any type', count_one: '{{count}} case', count_other: '{{count}} cases',
    empty: 'No cases yet. Create your first case with “New case”.', noMatch: 'No case matches these filters.',
    sortBy: { updated_at: 'Last changed', case_number: 'Case number', client: 'Client', priority: 'Priority', status: 'Status' },
  },
  case: {
    sections: 'Case sections', details: 'Details', fees: 'Fees', paid: 'paid', program: 'Program', moveTo: 'Move to', change: 'Change status',
    timeline: 'Timeline', noEvents: 'Nothing has happened on this case yet.',
    tab: { overview: 'Overview', people: 'People', tasks: 'Tasks & checklist', documents: 'Documents', crs: 'CRS & eligibility' },
  },
  people: { title: 'People on this case', add: 'Add a person', firstName: 'First name', lastName: 'Last name', relationship: 'Relationship', dateOfBirth: 'Date of birth', email: 'Email', save: 'Add person' },
  relationship: { primary: 'Principal applicant', spouse: 'Spouse or partner', child: 'Child', dependent: 'Dependant', parent: 'Parent', sibling: 'Sibling', other: 'Other' },
  tasks: { title: 'Tasks', empty: 'No tasks yet.', new: 'New task', due: 'Due date', add: 'Add' },
  checklist: { title: 'Checklist', empty: 'This case type has no checklist.' },
  docs: {
    title: 'Documents', drop: 'Drop files here, or click to choose', choose: 'Choose files to add', uploading: 'Adding files', empty: 'No documents yet. Drop a scan or a PDF above.',
    reading: 'Reading {{title}}', viewer: 'Document', versions_one: '{{count}} version', versions_other: '{{count}} versions', confidence: 'OCR confidence {{value}}%',
    looksLike: 'looks like: {{type}}', mrz: 'Passport zone read:', approve: 'Apply to the person', text: 'Text', noText: 'No text yet.',
    status: { pending: 'waiting', processing: 'reading…', completed: 'read', failed: 'could not be read' },
  },
  crs: {
    profile: 'Profile', age: 'Age', education: 'Education', test: 'Language test', listening: 'Listening', reading: 'Reading', writing: 'Writing', speaking: 'Speaking',
    canadianWork: 'Years of Canadian work', foreignWork: 'Years of foreign work', spouse: 'Accompanying spouse or partner', sibling: 'Sibling in Canada', pnp: 'Provincial nomination',
    calculate: 'Calculate', save: 'Save to case', saved: 'Saved', total: 'CRS {{total}}', rules: 'Rules {{version}}', breakdown: 'Score breakdown',
    fsw: 'FSW grid: {{total}}/100.', fswEligible: 'Meets the pass mark of 67 and the minimums.', fswNot: 'Not eligible: {{why}}', whatIf: 'What would raise the score',
    group: { core: 'Core / human capital', spouse: 'Spouse factors', skillTransferability: 'Skill transferability', additional: 'Additional points' },
  },
  education: { none: 'Less than secondary', secondary: 'Secondary diploma', one_year: 'One-year program', two_year: 'Two-year program', bachelors: 'Bachelor’s (3+ years)', two_or_more: 'Two or more credentials', masters: 'Master’s or professional', doctoral: 'Doctorate' },
  status: { draft: 'Draft', consultation: 'Consultation', active: 'Active', in_progress: 'In progress', on_hold: 'On hold', submitted: 'Submitted', approved: 'Approved', refused: 'Refused', withdrawn: 'Withdrawn', closed: 'Closed' },
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  search: {
    title: 'Search', placeholder: 'Search cases, people, documents and law…', results: 'Results', none: 'Nothing found.',
    lexicalOnly: 'Word search only: no meaning-based (embedding) model is installed.', kind: { case: 'Case', person: 'Person', document: 'Document', law: 'Law' },
  },
  rules: { title: 'Rules in force', intro: 'Point grids and requirements as data, with the dates they apply.', rule: 'Rule', version: 'Version', from: 'From', until: 'Until' },
  settings: { title: 'Settings', language: 'Language', theme: 'Theme', light: 'Light', dark: 'Dark', ocr: 'Documents are read on this computer in English and French; nothing is sent anywhere.' },
};
