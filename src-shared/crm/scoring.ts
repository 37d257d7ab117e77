/**
 * Lead scoring that explains itself, computed on the laptop (issue 20). Two methods:
 *  - a logistic regression trained on the firm's own closed leads (won = converted, lost), over the lead's
 *    source, response time, activity count, case type and country;
 *  - a stated heuristic (points per factor) until the firm has enough history to train on.
 * Every score is 0-100 with the factors that made it, each factor's contribution in points, and a
 * confidence. The model's contribution of a factor is how many points the score would lose (or gain) if
 * that factor were at the firm's average instead: 100·(σ(logit) − σ(logit − wᵢ·zᵢ)), so a reader can check
 * it against the score. Pure and deterministic: the same history always trains the same model.
 */

export interface LeadFacts {
  source: string | null;
  /** Hours from the enquiry to the firm's first answer; null when not answered yet. */
  responseHours: number | null;
  activities: number;
  caseType: string | null;
  country: string | null;
}
export interface ClosedLead extends LeadFacts {
  won: boolean;
}

export interface Factor {
  factor: 'source' | 'response_time' | 'activities' | 'case_type' | 'country' | 'base';
  value: string;
  /** Points this factor adds to (or takes from) the score. */
  points: number;
}

export interface LeadScore {
  score: number;
  method: 'model' | 'heuristic';
  /** 0-100: how far to trust the score (history size, and whether the lead looks like that history). */
  confidence: number;
  factors: Factor[];
  /** Closed leads the model learned from (model only). */
  trainedOn?: number;
  /** Why the heuristic is used, when it is. */
  note?: string;
}

/** The least history the model is trained on: fewer closed leads, or too few of either outcome, and the heuristic scores. */
export const MIN_HISTORY = { closed: 40, perOutcome: 10 } as const;
/** A category seen fewer times than this in the history is pooled with the other rare ones. */
const MIN_CATEGORY = 5;
const OTHER = '(other)';
/** Response hours are capped at 30 days; an unanswered lead counts as that slow. */
const MAX_HOURS = 24 * 30;

type Categorical = 'source' | 'case_type' | 'country';
const CATEGORICAL: Record<Categorical, (f: LeadFacts) => string | null> = {
  source: (f) => f.source,
  case_type: (f) => f.caseType,
  country: (f) => f.country,
};

export interface LogisticModel {
  kind: 'logistic';
  /** Categories with their own weight, per factor (the rest pool into "(other)"). */
  vocab: Record<Categorical, string[]>;
  /** Feature names in weight order: "source=referral", "response_log_hours", "activities_log"... */
  features: string[];
  means: number[];
  stds: number[];
  weights: number[];
  bias: number;
  trainedOn: number;
  wins: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logHours = (h: number | null) => Math.log1p(Math.min(Math.max(h ?? MAX_HOURS, 0), MAX_HOURS));

function category(vocab: string[], v: string | null): string {
  return v !== null && vocab.includes(v) ? v : OTHER;
}

function encode(model: Pick<LogisticModel, 'vocab' | 'features'>, f: LeadFacts): number[] {
  const cats: Record<Categorical, string> = {
    source: category(model.vocab.source, f.source),
    case_type: category(model.vocab.case_type, f.caseType),
    country: category(model.vocab.country, f.country),
  };
  return model.features.map((name) => {
    if (name === 'response_log_hours') return logHours(f.responseHours);
    if (name === 'activities_log') return Math.log1p(Math.max(0, f.activities));
    const [factor, value] = name.split('=') as [Categorical, string];
    return cats[factor] === value ? 1 : 0;
  });
}

export function hasEnoughHistory(history: readonly ClosedLead[]): boolean {
  const wins = history.filter((h) => h.won).length;
  return history.length >= MIN_HISTORY.closed && wins >= MIN_HISTORY.perOutcome && history.length - wins >= MIN_HISTORY.perOutcome;
}

/**
 * Fits the regression by full-batch gradient descent on standardised features with a small L2 penalty
 * (keeps rare categories from running away). One category per factor is the reference (the most common),
 * so the one-hot columns are not collinear with the bias.
 */
export function trainModel(history: readonly ClosedLead[], opts: { iterations?: number; rate?: number; l2?: number } = {}): LogisticModel {
  if (history.length === 0) throw new Error('no history to train on');
  const vocab = {} as Record<Categorical, string[]>;
  const features: string[] = [];
  for (const factor of Object.keys(CATEGORICAL) as Categorical[]) {
    const counts = new Map<string, number>();
    for (const h of history) {
      const v = CATEGORICAL[factor](h);
      if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const kept = [...counts.entries()].filter(([, n]) => n >= MIN_CATEGORY).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    vocab[factor] = kept.map(([v]) => v);
    // The most common category is the reference: no column of its own.
    for (const v of [...vocab[factor].slice(1), ...(kept.length ? [OTHER] : [])]) features.push(`${factor}=${v}`);
  }
  features.push('response_log_hours', 'activities_log');
  const partial = { vocab, features };
  const X = history.map((h) => encode(partial, h));
  const y: number[] = history.map((h) => (h.won ? 1 : 0));
  const d = features.length;
  const n = X.length;
  const means = Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + x[j]!, 0) / n);
  const stds = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((s, x) => s + (x[j]! - means[j]!) ** 2, 0) / n) || 1);
  const Z = X.map((x) => x.map((v, j) => (v - means[j]!) / stds[j]!));
  const w = new Array<number>(d).fill(0);
  const wins = y.reduce((s, v) => s + v, 0);
  const rate0 = Math.min(Math.max(wins / n, 1e-3), 1 - 1e-3);
  let b = Math.log(rate0 / (1 - rate0));
  const iterations = opts.iterations ?? 400;
  const rate = opts.rate ?? 0.5;
  const l2 = opts.l2 ?? 0.01;
  const grad = new Array<number>(d);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const zi = Z[i]!;
      let s = b;
      for (let j = 0; j < d; j++) s += w[j]! * zi[j]!;
      const err = sigmoid(s) - y[i]!;
      gb += err;
      for (let j = 0; j < d; j++) grad[j]! += err * zi[j]!;
    }
    b -= (rate * gb) / n;
    for (let j = 0; j < d; j++) w[j] = w[j]! - rate * (grad[j]! / n + l2 * w[j]!);
  }
  return { kind: 'logistic', vocab, features, means, stds, weights: w, bias: b, trainedOn: n, wins };
}

const FACTOR_OF: Record<string, Factor['factor']> = {
  source: 'source',
  case_type: 'case_type',
  country: 'country',
  response_log_hours: 'response_time',
  activities_log: 'activities',
};

function describe(f: LeadFacts, factor: Factor['factor']): string {
  switch (factor) {
    case 'source':
      return f.source ?? 'unknown';
    case 'case_type':
      return f.caseType ?? 'unknown';
    case 'country':
      return f.country ?? 'unknown';
    case 'response_time':
      return f.responseHours === null ? 'not answered yet' : `${Math.round(f.responseHours * 10) / 10} h`;
    case 'activities':
      return String(f.activities);
    default:
      return '';
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function scoreWithModel(model: LogisticModel, f: LeadFacts): LeadScore {
  const x = encode(model, f);
  const contrib = new Map<Factor['factor'], number>();
  let logit = model.bias;
  model.features.forEach((name, j) => {
    const c = model.weights[j]! * ((x[j]! - model.means[j]!) / model.stds[j]!);
    logit += c;
    const factor = FACTOR_OF[name.split('=')[0]!]!;
    contrib.set(factor, (contrib.get(factor) ?? 0) + c);
  });
  const p = sigmoid(logit);
  const factors: Factor[] = [...contrib.entries()]
    .map(([factor, c]) => ({ factor, value: describe(f, factor), points: round1(100 * (p - sigmoid(logit - c))) }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  factors.push({ factor: 'base', value: `${model.wins} won of ${model.trainedOn}`, points: round1(100 * sigmoid(model.bias)) });
  // Confidence grows with the history and falls for each factor the history has not seen enough of.
  const unseen = (Object.keys(CATEGORICAL) as Categorical[]).filter((k) => {
    const v = CATEGORICAL[k](f);
    return v !== null && !model.vocab[k].includes(v);
  }).length;
  const confidence = Math.max(10, Math.round((100 * model.trainedOn) / (model.trainedOn + 200)) - 15 * unseen);
  return { score: Math.round(100 * p), method: 'model', confidence, factors, trainedOn: model.trainedOn };
}

/** The heuristic's points, stated so the window can show them as they are. */
export const HEURISTIC = {
  base: 20,
  source: { referral: 25, walk_in: 15, website: 10, event: 10, social: 5, ads: 0 } as Record<string, number>,
  otherSource: 5,
  response: [
    { withinHours: 1, points: 20 },
    { withinHours: 24, points: 10 },
    { withinHours: 72, points: 0 },
  ],
  slowResponse: -10,
  unanswered: -5,
  perActivity: 5,
  maxActivities: 5,
  confidence: 25,
} as const;

export function scoreWithHeuristic(f: LeadFacts, note?: string): LeadScore {
  const h = HEURISTIC;
  const src = f.source !== null && f.source in h.source ? h.source[f.source]! : h.otherSource;
  const resp = f.responseHours === null ? h.unanswered : (h.response.find((r) => f.responseHours! <= r.withinHours)?.points ?? h.slowResponse);
  const act = Math.min(Math.max(0, f.activities), h.maxActivities) * h.perActivity;
  const factors: Factor[] = [
    { factor: 'source', value: describe(f, 'source'), points: src },
    { factor: 'response_time', value: describe(f, 'response_time'), points: resp },
    { factor: 'activities', value: describe(f, 'activities'), points: act },
  ].sort((a, b) => Math.abs(b.points) - Math.abs(a.points)) as Factor[];
  factors.push({ factor: 'base', value: 'heuristic', points: h.base });
  const score = Math.min(100, Math.max(0, h.base + src + resp + act));
  return { score, method: 'heuristic', confidence: h.confidence, factors, ...(note ? { note } : {}) };
}

/** The score of a lead: the model when the history allows one, the heuristic otherwise (and it says why). */
export function scoreLead(f: LeadFacts, model: LogisticModel | null, historySize = 0): LeadScore {
  if (model) return scoreWithModel(model, f);
  return scoreWithHeuristic(
    f,
    `heuristic: ${historySize} closed leads so far; the model needs ${MIN_HISTORY.closed} with at least ${MIN_HISTORY.perOutcome} won and ${MIN_HISTORY.perOutcome} lost`,
  );
}

/** Area under the ROC curve (Mann-Whitney U, ties counted half): the chance a won lead outscores a lost one. */
export function auc(scored: readonly { score: number; won: boolean }[]): number {
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  let rankSumWon = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.score === sorted[i]!.score) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (sorted[k]!.won) rankSumWon += avgRank;
    i = j + 1;
  }
  const won = scored.filter((s) => s.won).length;
  const lost = scored.length - won;
  if (won === 0 || lost === 0) return NaN;
  return (rankSumWon - (won * (won + 1)) / 2) / (won * lost);
}
