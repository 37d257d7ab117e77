/**
 * A realistic sample practice for a newcomer to explore: a few hundred cases across the case types and
 * the lifecycle, with clients, families, tasks, checklists, communications, appointments and money.
 * Deterministic (seeded), so two demo vaults look alike. Every row goes through the ordinary services.
 * fillDemoPractice adds what makes every screen show something: documents (scans for the OCR, digital
 * letters), passports running out (Today's deadlines), clients' tests, education and work (the CRS
 * form's starting point) and a practice note on the law shelf.
 */
import type { Core } from '../core/core';
import { CASE_TRANSITIONS, type CaseStatus } from '../../src-shared/cases/case-status';
import { createCase, setCaseStatus } from '../cases/cases';
import { addPerson, linkFamily } from '../cases/persons';
import { addTask, setTaskStatus } from '../cases/tasks';
import { setChecklistItem } from '../cases/checklists';
import { logCommunication, scheduleAppointment } from '../cases/communications';
import { createInvoice, recordPayment } from '../cases/money';
import { rows } from '../core/writer';
import { addDemoDocuments, demoClients } from './demo-documents';
import { addDemoLaw } from './demo-law';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Amara',
  'Wei',
  'Priya',
  'Mateo',
  'Fatima',
  'Oluwaseun',
  'Sofia',
  'Arjun',
  'Nguyen',
  'Chloé',
  'Hiroshi',
  'Aisha',
  'Diego',
  'Leila',
  'Kwame',
  'Ana',
  'Rahul',
  'Yasmin',
  'Tomás',
  'Mei',
  'Ibrahim',
  'Elena',
  'Jean-Baptiste',
  'Zainab',
  'Carlos',
  'Ayesha',
  'Dmitri',
  'Grace',
  'Omar',
  'Lucía',
];
const LAST = [
  'Okafor',
  'Zhang',
  'Sharma',
  'García',
  'Hassan',
  'Adeyemi',
  'Rossi',
  'Patel',
  'Tran',
  'Tremblay',
  'Tanaka',
  'Khan',
  'Hernández',
  'Haddad',
  'Mensah',
  'Silva',
  'Gupta',
  'Rahimi',
  'López',
  'Chen',
  'Diallo',
  'Popescu',
  'Gagnon',
  'Bello',
  'Morales',
  'Siddiqui',
  'Ivanov',
  'Osei',
  'Farouk',
  'Fernández',
];
const TYPES = ['EXPRESS_ENTRY_FSW', 'EXPRESS_ENTRY_FSW', 'EXPRESS_ENTRY_CEC', 'STUDY_PERMIT', 'WORK_PERMIT', 'BC_PNP_TECH'];
const PROVINCES = ['ON', 'BC', 'QC', 'AB', 'MB', 'NS'];
const TASKS = [
  'Book consultation follow-up',
  'Request police certificates',
  'Review IELTS results',
  'Prepare ECA application',
  'Collect reference letters',
  'Draft letter of explanation',
  'Review proof of funds',
  'Submit biometrics',
  'Prepare IMM 5406',
  'Check passport validity',
];

export function fillDemo(core: Core, count = 300, onProgress?: (done: number, total: number) => void): { cases: number } {
  const r = rng(20261122);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  for (let i = 0; i < count; i++) {
    core.tx(() => {
      const first = pick(FIRST);
      const last = pick(LAST);
      const c = createCase(core, {
        caseType: pick(TYPES),
        client: {
          firstName: first,
          lastName: last,
          email: `${first}.${last}@example.org`
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^\x20-\x7e]/g, ''),
          dateOfBirth: `${1975 + Math.floor(r() * 28)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
        },
        priority: pick(['low', 'normal', 'normal', 'normal', 'high', 'urgent']),
        targetProvince: pick(PROVINCES),
        totalFees: String(1500 + Math.floor(r() * 40) * 100),
        source: pick(['referral', 'website', 'walk_in', 'partner']),
        tags: r() < 0.3 ? ['priority-client'] : [],
      });
      const caseId = c.id as string;
      // Walk the lifecycle a random number of steps along its usual path.
      const path: CaseStatus[] = ['consultation', 'active', 'in_progress', 'submitted', r() < 0.8 ? 'approved' : 'refused', 'closed'];
      const steps = Math.floor(r() * path.length);
      let status: CaseStatus = 'draft';
      for (let s = 0; s < steps; s++) {
        if (!CASE_TRANSITIONS[status].includes(path[s])) break;
        setCaseStatus(core, caseId, path[s]);
        status = path[s];
      }
      const primaryId = c.primary_applicant_id as string;
      if (r() < 0.45) {
        const spouse = addPerson(core, caseId, { first_name: pick(FIRST), last_name: last, relationship_to_primary: 'spouse' });
        linkFamily(core, { primaryPersonId: primaryId, relatedPersonId: spouse.id as string, relationship: 'spouse', isAccompanying: r() < 0.8 });
        if (r() < 0.5) {
          const child = addPerson(core, caseId, {
            first_name: pick(FIRST),
            last_name: last,
            relationship_to_primary: 'child',
            date_of_birth: `20${10 + Math.floor(r() * 12)}-06-15`,
          });
          linkFamily(core, { primaryPersonId: primaryId, relatedPersonId: child.id as string, relationship: 'child', isAccompanying: true, isDependent: true });
        }
      }
      const nTasks = 1 + Math.floor(r() * 3);
      for (let t = 0; t < nTasks; t++) {
        const due = new Date(Date.now() + Math.floor((r() * 60 - 15) * 86400_000)).toISOString().slice(0, 10);
        const task = addTask(core, { caseId, title: pick(TASKS), due, priority: pick(['normal', 'high']) });
        if (r() < 0.3) setTaskStatus(core, task.id as string, 'completed');
      }
      const checklist = rows(core, 'checklist_instances', 'case_id = ?', [caseId])[0];
      if (checklist) {
        for (const item of (checklist.items as Array<{ key: string }>).slice(0, Math.floor(r() * 4)))
          setChecklistItem(core, checklist.id as string, item.key, true);
      }
      if (r() < 0.6)
        logCommunication(core, caseId, {
          communication_type: pick(['call', 'email', 'meeting']),
          direction: pick(['inbound', 'outbound']),
          subject: 'Document follow-up',
          body: 'Discussed outstanding documents and next steps.',
        });
      if (r() < 0.4)
        scheduleAppointment(core, caseId, {
          appointment_type: 'consultation',
          scheduled_at: new Date(Date.now() + Math.floor(r() * 30) * 86400_000).toISOString(),
          meeting_mode: pick(['in_person', 'video', 'phone']),
          person_id: primaryId,
        });
      if (status !== 'draft' && status !== 'consultation') {
        const inv = createInvoice(core, { caseId, lineItems: [{ description: 'Professional fees (retainer)', quantity: 1, unitPrice: 1500 }], taxRate: 0.13 });
        if (r() < 0.7) recordPayment(core, { caseId, invoiceId: inv.id as string, amount: inv.total_amount as string });
      }
    });
    onProgress?.(i + 1, count);
  }
  return { cases: count };
}

/** How many Express Entry clients get a documented file (passport scan, letter, test report). */
const DOCUMENTED = 6;

export async function fillDemoPractice(
  core: Core,
  count = 300,
  onProgress?: (done: number, total: number) => void,
): Promise<{ cases: number; documents: number; scansToRead: number; lawSections: number }> {
  fillDemo(core, count, onProgress);
  // The newest Express Entry cases: the top of the case list, where a newcomer looks first.
  const ee = rows(core, 'cases', "case_type LIKE 'EXPRESS_ENTRY%'", [], { orderBy: 'created_at DESC', limit: DOCUMENTED }).map((c) => c.id as string);
  const docs = await addDemoDocuments(core, demoClients(core, ee));
  const lawSections = await addDemoLaw(core);
  return { cases: count, ...docs, lawSections };
}
