/**
 * The pipeline board: one column per stage with its open deals, its WIP load (over a soft limit the column
 * is marked; a strict limit's overflow after sync is named on the deal), and three ways to move a deal:
 * drag it with the pointer, pick it up with the keyboard (Space, Left/Right jump a column, Space drops;
 * @dnd-kit's keyboard sensor with a column-to-column coordinate getter), or the "Move to" list on the card.
 * A move the core refuses (a full strict stage) is said in words and the deal stays where it was.
 */
import { useState } from 'react';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BoardView, DealView } from '../../src-shared/crm/contract';
import { call } from '../app/api';
import { Empty, ErrorNote } from '../app/ui';
import { formatMoney } from '../app/format';
import { crmWords, type CrmWords } from './words';
import { CARDS_SHOWN, MORE_STEP } from './board-limits';

/** Left/Right moves the picked-up deal to the middle of the next column; other keys do nothing. */
export const columnJump: KeyboardCoordinateGetter = (event, { context: { droppableRects, collisionRect } }) => {
  const dir = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  if (!dir || !collisionRect) return undefined;
  event.preventDefault();
  const cx = collisionRect.left + collisionRect.width / 2;
  const cols = [...droppableRects.values()].sort((a, b) => a.left - b.left);
  const target = dir > 0 ? cols.find((r) => r.left > cx) : [...cols].reverse().find((r) => r.left + r.width < cx);
  if (!target) return undefined;
  return { x: target.left + (target.width - collisionRect.width) / 2, y: collisionRect.top };
};

function DealCard({
  deal,
  stages,
  overflow,
  w,
  lang,
  onMove,
}: {
  deal: DealView;
  stages: BoardView['stages'];
  overflow: boolean;
  w: CrmWords['board'];
  lang: string;
  onMove: (stageId: string) => void;
}) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: deal.id });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`, zIndex: 2 } : undefined;
  return (
    <li ref={setNodeRef} style={style} className={`deal${isDragging ? ' dragging' : ''}${overflow ? ' overflow' : ''}`} data-deal={deal.title}>
      <button type="button" className="handle" {...listeners} {...attributes} aria-describedby="board-help">
        {deal.title}
      </button>
      <span className="value">{formatMoney(deal.value, deal.currency, lang)}</span>
      {overflow && <p className="warning">{w.overflow}</p>}
      <label>
        {w.moveTo}
        <select value={deal.stage_id} onChange={(e) => onMove(e.target.value)}>
          {stages
            .filter((s) => s.kind === 'open')
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>
      </label>
    </li>
  );
}

function Column({ stage, children, w }: { stage: BoardView['stages'][number]; children: React.ReactNode; w: CrmWords['board'] }) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const over = stage.load.over > 0;
  return (
    <section ref={setNodeRef} className={`stage${isOver ? ' drop' : ''}${over ? ' over-limit' : ''}`} aria-label={stage.name} data-stage={stage.name}>
      <h2>
        {stage.name} <span className="count">{stage.load.open}</span>
      </h2>
      <p className="meta">
        {w.probability(stage.probability)}
        {stage.wip_limit !== null && ` · ${w.limit(stage.wip_limit, stage.wip_mode === 'strict' ? 'strict' : 'soft')}`}
        {over && <strong> · {w.over(stage.load.over)}</strong>}
      </p>
      {children}
    </section>
  );
}

/** The first cards of a column, and a strict stage's overflow always. */
function visibleDeals(stage: BoardView['stages'][number], shown: number): DealView[] {
  if (stage.deals.length <= shown) return stage.deals;
  const first = stage.deals.slice(0, shown);
  const extra = stage.deals.filter((d) => stage.load.overflow.includes(d.id) && !first.includes(d));
  return [...first, ...extra];
}

export function Board() {
  const { i18n } = useTranslation();
  const w = crmWords(i18n.language).board;
  const qc = useQueryClient();
  const board = useQuery({ queryKey: ['crm.board'], queryFn: () => call('crm.board', {}) });
  const [said, setSaid] = useState('');
  const [shown, setShown] = useState<Record<string, number>>({});
  const move = useMutation({
    mutationFn: (m: { dealId: string; stageId: string }) => call('crm.deal.move', m),
    onSuccess: (d) => {
      const stage = board.data?.stages.find((s) => s.id === d.stage_id)?.name ?? '';
      setSaid([w.moved(d.title, stage), d.warning ?? ''].filter(Boolean).join(' '));
      void qc.invalidateQueries({ queryKey: ['crm.board'] });
    },
    onError: () => setSaid(''),
  });
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: columnJump }));
  const onDragEnd = (e: DragEndEvent) => {
    const deal = board.data?.stages.flatMap((s) => s.deals).find((d) => d.id === e.active.id);
    if (deal && e.over && e.over.id !== deal.stage_id) move.mutate({ dealId: deal.id, stageId: String(e.over.id) });
  };
  const data = board.data;
  return (
    <div>
      <h1>
        {w.title}
        {data ? ` · ${data.pipeline.name}` : ''}
      </h1>
      <p id="board-help" className="help">
        {w.dragHelp}
      </p>
      <ErrorNote error={board.error ?? move.error} />
      <p role="status" aria-live="polite">
        {said}
      </p>
      {data && (
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          <div className="board">
            {data.stages
              .filter((s) => s.kind === 'open')
              .map((s) => (
                <Column key={s.id} stage={s} w={w}>
                  {s.deals.length === 0 ? (
                    <Empty>{w.empty}</Empty>
                  ) : (
                    <ul>
                      {visibleDeals(s, shown[s.id] ?? CARDS_SHOWN).map((d) => (
                        <DealCard
                          key={d.id}
                          deal={d}
                          stages={data.stages}
                          overflow={s.load.overflow.includes(d.id)}
                          w={w}
                          lang={i18n.language}
                          onMove={(stageId) => move.mutate({ dealId: d.id, stageId })}
                        />
                      ))}
                    </ul>
                  )}
                  {s.deals.length > (shown[s.id] ?? CARDS_SHOWN) && (
                    <button type="button" className="more" onClick={() => setShown({ ...shown, [s.id]: (shown[s.id] ?? CARDS_SHOWN) + MORE_STEP })}>
                      {w.more(s.deals.length - (shown[s.id] ?? CARDS_SHOWN))}
                    </button>
                  )}
                </Column>
              ))}
          </div>
        </DndContext>
      )}
    </div>
  );
}
