/**
 * The demo practice's law shelf: a short practice note on the Federal Skilled Worker rules, imported
 * through the ordinary law import (split into sections, searchable, linked to the rules that cite the
 * same address). It is the demo firm's own summary in plain words, written for this demo and titled as
 * such, not a copy of the Regulations: a firm imports the official text from its address itself.
 */
import type { Core } from '../core/core';
import { importLawBytes } from '../rules';

// The demo firm's own address for its note: the official text lives at laws-lois.justice.gc.ca.
export const DEMO_LAW_URL = 'https://maple-leaf-immigration.example/practice-notes/federal-skilled-worker';

const NOTE = `<!doctype html>
<html><head><title>Practice note (demo): Federal Skilled Worker class, IRPR sections 75 to 83</title></head>
<body>
<h2>Section 75 Who is a skilled worker</h2>
<p>Our summary, not the official text. The applicant needs at least one year of continuous full-time
work (or the same amount part-time) in the ten years before applying, in their primary occupation,
in TEER category 0, 1, 2 or 3 of the National Occupational Classification. They must have done the
lead statement and a substantial number of the main duties, including all essential duties.</p>
<p>They need language test results from a designated tester, less than two years old, at Canadian
Language Benchmark 7 in each of listening, reading, writing and speaking. They need a Canadian
educational credential, or a foreign one with an equivalency assessment less than five years old.</p>
<h2>Section 76 Selection criteria</h2>
<p>Our summary. Points for age, education, official languages, experience, arranged employment and
adaptability, with a pass mark of 67 out of 100, and enough settlement funds unless the applicant
has arranged employment or is authorised to work in Canada.</p>
<h2>Section 83 Adaptability</h2>
<p>Our summary. Up to 10 points: the spouse or partner's language level, two academic years of
full-time study in Canada by the applicant or the spouse, a year of full-time work in Canada, arranged
employment, and a relative in Canada who is a citizen or permanent resident. A spouse who is a
Canadian citizen or permanent resident earns no adaptability points.</p>
<h2>Passports and expiry</h2>
<p>Our practice. Check every passport's expiry when the file opens; a passport that expires before
the application is decided must be renewed, and the new passport pages sent.</p>
</body></html>`;

/** Imports the practice note; returns how many sections search can now find. */
export async function addDemoLaw(core: Core): Promise<number> {
  const r = await importLawBytes(core, Buffer.from(NOTE, 'utf8'), 'fsw-practice-note.html', {
    url: DEMO_LAW_URL,
    jurisdiction: 'federal',
    sourceType: 'guidance',
  });
  return r.chunks;
}
