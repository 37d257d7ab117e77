/**
 * Timeline titles in the window's language: events written by the real services on a real vault carry
 * the facts the window words them from, in French as in English; an entry without those facts (written
 * by an older version) shows its stored English title rather than nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createInstance, type TFunction } from 'i18next';
import { createVault, type Core } from '../../src-main/core/core';
import { createCase, setCaseStatus, showCase } from '../../src-main/cases/cases';
import { addPerson } from '../../src-main/cases/persons';
import { eventTitle } from '../../src-renderer/cases/event-title';
import { en } from '../../src-renderer/locales/en';
import { fr } from '../../src-renderer/locales/fr';
import { tempDir } from '../support/cli';

async function translator(lng: 'en' | 'fr'): Promise<TFunction> {
  const i = createInstance();
  await i.init({ lng, resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  return i.t;
}

describe('timeline titles', () => {
  let core: Core;
  let events: any[];
  beforeAll(async () => {
    core = await createVault({ dataDir: join(tempDir(), 'vault'), passphrase: 'a long passphrase', prefer: 'passphrase' });
    const c = createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Amara Okafor' });
    addPerson(core, c.id as string, { firstName: 'Chidi', lastName: 'Okafor', relationshipToPrimary: 'spouse' });
    setCaseStatus(core, c.id as string, 'consultation');
    events = (showCase(core, c.id as string) as any).events;
  });
  afterAll(() => core?.close());

  it('words every event from its facts in French', async () => {
    const t = await translator('fr');
    const titles = events.map((e) => eventTitle(e, t));
    expect(titles).toContain('Statut changé de « Brouillon » à « Consultation »');
    expect(titles).toContain('Chidi Okafor ajouté(e)');
    expect(titles.some((x) => /^Dossier \d{4}-\d{4}-\w+ ouvert$/.test(x))).toBe(true);
    // Nothing English is left over from the stored titles.
    for (const x of titles) expect(x).not.toMatch(/Status changed|opened|added/);
  });

  it('reads like the stored English title in English, and falls back to it when the facts are missing', async () => {
    const t = await translator('en');
    // Statuses read as the window names them; every other event reads as the core stored it.
    for (const e of events) expect(eventTitle(e, t)).toBe(e.event_type === 'status_change' ? 'Status changed from Draft to Consultation' : e.title);
    expect(eventTitle({ event_type: 'person_added', title: 'Old entry added', event_data: {} }, t)).toBe('Old entry added');
    expect(eventTitle({ event_type: 'something_new', title: 'A future kind of event' }, t)).toBe('A future kind of event');
  });
});
