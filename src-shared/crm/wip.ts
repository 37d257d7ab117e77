/**
 * Work-in-progress limits of pipeline stages (issue 20). A soft limit is shown (the stage is highlighted
 * over it); a strict one refuses a move into a full stage on this laptop. Two laptops offline can each
 * make the last allowed move: each move is a different deal's row, so sync merges both without a field
 * conflict and the stage ends over its strict limit. That is shown, never silently kept: the deals that
 * entered the stage last (by stage_entered_at, then id, the same order on every laptop) are the stage's
 * overflow, listed as WIP conflicts until someone moves them out or raises the limit.
 */

export interface StageLike {
  id: string;
  name: string;
  position: number;
  kind: 'open' | 'won' | 'lost' | string;
  wip_limit: number | null;
  wip_mode: 'soft' | 'strict' | string;
}
export interface DealLike {
  id: string;
  stage_id: string;
  status: string;
  stage_entered_at: string;
}

export interface StageLoad {
  stageId: string;
  stageName: string;
  open: number;
  limit: number | null;
  mode: 'soft' | 'strict';
  /** Open deals above the limit (0 when within it). */
  over: number;
  /** The deals beyond a strict limit, last to enter first in line to move out. Empty for soft stages. */
  overflow: string[];
}

const byEntry = (a: DealLike, b: DealLike) => a.stage_entered_at.localeCompare(b.stage_entered_at) || a.id.localeCompare(b.id);

export function stageLoads(stages: readonly StageLike[], deals: readonly DealLike[]): StageLoad[] {
  return [...stages]
    .sort((a, b) => a.position - b.position)
    .map((s) => {
      const inStage = deals.filter((d) => d.stage_id === s.id && d.status === 'open').sort(byEntry);
      const limit = s.wip_limit ?? null;
      const over = limit === null ? 0 : Math.max(0, inStage.length - limit);
      const mode = s.wip_mode === 'strict' ? 'strict' : 'soft';
      return {
        stageId: s.id,
        stageName: s.name,
        open: inStage.length,
        limit,
        mode,
        over,
        overflow: mode === 'strict' && over > 0 ? inStage.slice(limit!).map((d) => d.id) : [],
      };
    });
}

export type MoveVerdict = { ok: true; warning?: string } | { ok: false; message: string };

/** Whether one more open deal may enter a stage that holds `openNow` open deals. */
export function checkMove(stage: StageLike, openNow: number): MoveVerdict {
  if (stage.wip_limit === null || stage.kind !== 'open' || openNow < stage.wip_limit) return { ok: true };
  if (stage.wip_mode === 'strict')
    return {
      ok: false,
      message: `stage "${stage.name}" is full: its strict limit is ${stage.wip_limit} open deals and it holds ${openNow}; move a deal out first or ask a manager to raise the limit`,
    };
  return { ok: true, warning: `stage "${stage.name}" is now over its limit of ${stage.wip_limit} open deals (${openNow + 1})` };
}
