/**
 * npm run bench -- crm [--leads=N] [--seeds=K]: the lead-scoring backtest (issue 20). For each of K seeds,
 * a generated history of N closed leads with a known signal (src-shared/crm/testdata/history.ts) is split
 * 70/30 by time; the model is trained on the first part and both it and the heuristic score the held-out
 * part. Prints AUC of each per seed and the mean (target: the model's AUC above the heuristic's), and
 * how long training and scoring take on this machine.
 */
import { auc, scoreWithHeuristic, scoreWithModel, trainModel } from '../src-shared/crm';
import { generateHistory } from '../src-shared/crm/testdata/history';
import { flag, table, time } from './_util';

export async function run(args: string[]) {
  const n = flag(args, 'leads', 3000);
  const seeds = flag(args, 'seeds', 5);
  const rows: Array<Record<string, string | number>> = [];
  let mSum = 0;
  let hSum = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const history = generateHistory(n, seed * 101);
    const cut = Math.floor(n * 0.7);
    const [model, trainMs] = time(() => trainModel(history.slice(0, cut)));
    const held = history.slice(cut);
    const [modelScores, scoreMs] = time(() => held.map((l) => ({ score: scoreWithModel(model, l).score, won: l.won })));
    const m = auc(modelScores);
    const h = auc(held.map((l) => ({ score: scoreWithHeuristic(l).score, won: l.won })));
    mSum += m;
    hSum += h;
    rows.push({
      seed: seed * 101,
      train: cut,
      'held out': held.length,
      'won %': Math.round((100 * held.filter((l) => l.won).length) / held.length),
      'model AUC': m.toFixed(3),
      'heuristic AUC': h.toFixed(3),
      'train ms': Math.round(trainMs),
      'score µs/lead': Math.round((1000 * scoreMs) / held.length),
    });
  }
  const mean = { m: mSum / seeds, h: hSum / seeds };
  rows.push({
    seed: 'mean',
    train: '',
    'held out': '',
    'won %': '',
    'model AUC': mean.m.toFixed(3),
    'heuristic AUC': mean.h.toFixed(3),
    'train ms': '',
    'score µs/lead': '',
  });
  table(`Lead scoring backtest: ${n} generated closed leads per seed, 70/30 split`, rows);
  console.log(
    `model ${mean.m > mean.h ? 'beats' : 'does NOT beat'} the heuristic: mean AUC ${mean.m.toFixed(3)} vs ${mean.h.toFixed(3)} (target: model > heuristic)`,
  );
  if (!(mean.m > mean.h)) process.exitCode = 1;
}
