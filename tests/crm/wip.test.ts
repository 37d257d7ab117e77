/** WIP limits of stages (issue 20): soft warns, strict refuses, and an over-full strict stage names its overflow the same way on every laptop. */
import { describe, expect, it } from 'vitest';
import { checkMove, stageLoads } from '../../src-shared/crm';

const stage = (id: string, limit: number | null, mode: 'soft' | 'strict', position = 1) => ({
  id,
  name: id,
  position,
  kind: 'open',
  wip_limit: limit,
  wip_mode: mode,
});
const deal = (id: string, at: string, stage_id = 's') => ({ id, stage_id, status: 'open', stage_entered_at: at });

describe('WIP limits', () => {
  it('a strict stage refuses the move that would pass its limit; a soft one lets it through with a warning', () => {
    expect(checkMove(stage('s', 3, 'strict'), 2)).toEqual({ ok: true });
    expect(checkMove(stage('s', 3, 'strict'), 3)).toMatchObject({ ok: false, message: expect.stringMatching(/strict limit is 3 open deals and it holds 3/) });
    expect(checkMove(stage('s', 3, 'soft'), 3)).toMatchObject({ ok: true, warning: expect.stringMatching(/over its limit of 3 open deals \(4\)/) });
    expect(checkMove(stage('s', null, 'strict'), 99)).toEqual({ ok: true });
  });

  it('the deals that entered an over-full strict stage last are its overflow, whatever order they are read in', () => {
    const deals = [
      deal('d3', '2026-11-27T10:00:03Z'),
      deal('d1', '2026-11-27T10:00:01Z'),
      deal('d4', '2026-11-27T10:00:03Z'),
      deal('d2', '2026-11-27T10:00:02Z'),
    ];
    const [load] = stageLoads([stage('s', 2, 'strict')], deals);
    expect(load).toMatchObject({ open: 4, limit: 2, over: 2, overflow: ['d3', 'd4'] });
    expect(stageLoads([stage('s', 2, 'strict')], [...deals].reverse())[0]!.overflow).toEqual(['d3', 'd4']);
    expect(stageLoads([stage('s', 2, 'soft')], deals)[0]).toMatchObject({ over: 2, overflow: [] });
    expect(
      stageLoads(
        [stage('s', 2, 'strict')],
        deals.map((d) => ({ ...d, status: 'won' })),
      )[0],
    ).toMatchObject({ open: 0, over: 0 });
  });
});
