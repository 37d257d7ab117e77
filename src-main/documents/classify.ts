/**
 * A document type suggestion for new documents from the words in their text and filename, with a
 * confidence. Rules on words first (they are explainable and need no model); where an embedding model
 * is installed the search layer may refine this.
 */
export interface TypeSuggestion {
  type: string;
  category: string;
  confidence: number;
  matched: string[];
}

const RULES: Array<{ type: string; category: string; words: RegExp[] }> = [
  { type: 'passport', category: 'identity', words: [/passport|passeport/i, /^P<|\nP</, /nationality|nationalit[eé]/i, /date of expiry|date d.expiration/i] },
  {
    type: 'language_test',
    category: 'language',
    words: [/\bielts\b/i, /\bcelpip\b/i, /\bpte\b/i, /\btef\b|\btcf\b/i, /listening|reading|writing|speaking/i, /test report form/i],
  },
  {
    type: 'educational_credential',
    category: 'education',
    words: [
      /diploma|degree|dipl[oô]me|baccalaur/i,
      /universit|college|coll[eè]ge/i,
      /bachelor|master|doctor|transcript/i,
      /\bWES\b|educational credential assessment/i,
    ],
  },
  { type: 'bank_statement', category: 'financial', words: [/bank|banque/i, /statement|relev[eé]/i, /balance|solde/i, /account|compte/i] },
  {
    type: 'employment_letter',
    category: 'employment',
    words: [/employ|emploi/i, /position|poste|job title/i, /salary|salaire|per hour|annual/i, /to whom it may concern|reference letter/i],
  },
  { type: 'police_certificate', category: 'background', words: [/police/i, /criminal record|casier judiciaire|certificate of good conduct/i] },
  { type: 'medical_exam', category: 'medical', words: [/medical|m[eé]dical/i, /panel physician|imm\s?1017|e-medical/i] },
  { type: 'marriage_certificate', category: 'civil_status', words: [/marriage|mariage/i, /certificate|certificat/i] },
  { type: 'birth_certificate', category: 'civil_status', words: [/birth|naissance/i, /certificate|acte|certificat/i] },
];

export function suggestType(text: string, filename = ''): TypeSuggestion {
  const hay = `${filename}\n${text}`.slice(0, 20000);
  let best: TypeSuggestion = { type: 'other', category: 'other', confidence: 0, matched: [] };
  for (const r of RULES) {
    const matched = r.words.filter((w) => w.test(hay)).map((w) => w.source);
    const confidence = Math.round((matched.length / r.words.length) * 100) / 100;
    if (confidence > best.confidence) best = { type: r.type, category: r.category, confidence, matched };
  }
  return best;
}
