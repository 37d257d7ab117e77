/** Tasks with dependencies: a task cannot be completed while a task it depends on is open, and no cycles. */
import { UserError } from '../../src-shared/errors';
import { TASK_STATUSES } from '../../src-shared/schema/tables';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { addCaseEvent } from './events';
import { toTimestamp } from './input';

export interface TaskInput {
  caseId: string;
  title: string;
  due?: string;
  description?: string;
  priority?: string;
  dependsOn?: string[];
  assignedToUserId?: string;
  taskType?: string;
}

function assertNoCycle(core: Core, taskId: string, dependsOn: string[]) {
  const seen = new Set<string>();
  const stack = [...dependsOn];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === taskId) throw new UserError('invalid_input', 'these dependencies would make a cycle (a task would wait for itself)');
    if (seen.has(id)) continue;
    seen.add(id);
    const t = mustRead(core, 'tasks', id, 'task');
    stack.push(...((t.depends_on as string[]) ?? []));
  }
}

export function addTask(core: Core, input: TaskInput): Row {
  if (!input.title || !String(input.title).trim()) throw new UserError('invalid_input', 'a task needs a title');
  mustRead(core, 'cases', input.caseId, 'case');
  const deps = input.dependsOn ?? [];
  for (const d of deps) {
    const t = mustRead(core, 'tasks', d, 'task');
    if (t.case_id !== input.caseId) throw new UserError('invalid_input', `task ${d} belongs to another case`);
  }
  return core.tx(() => {
    const task = write(core, {
      table: 'tasks',
      op: 'insert',
      fields: {
        case_id: input.caseId,
        title: String(input.title).trim(),
        description: input.description ?? null,
        task_type: input.taskType ?? 'general',
        priority: input.priority ?? 'normal',
        due_date: toTimestamp(input.due, 'due'),
        depends_on: deps,
        assigned_to_user_id: input.assignedToUserId ?? core.actor.userId,
      },
    });
    for (const d of deps) {
      const dep = mustRead(core, 'tasks', d, 'task');
      write(core, { table: 'tasks', op: 'update', id: d, fields: { blocks: [...new Set([...((dep.blocks as string[]) ?? []), task.id as string])] } });
    }
    return task;
  });
}

export function setTaskDependencies(core: Core, taskId: string, dependsOn: string[]): Row {
  mustRead(core, 'tasks', taskId, 'task');
  assertNoCycle(core, taskId, dependsOn);
  return write(core, { table: 'tasks', op: 'update', id: taskId, fields: { depends_on: dependsOn } });
}

export function setTaskStatus(core: Core, taskId: string, status: string): Row {
  if (!(TASK_STATUSES as readonly string[]).includes(status)) throw new UserError('invalid_input', `task status must be one of ${TASK_STATUSES.join(', ')}`);
  const task = mustRead(core, 'tasks', taskId, 'task');
  if (status === 'completed') {
    const open = ((task.depends_on as string[]) ?? [])
      .map((id) => mustRead(core, 'tasks', id, 'task'))
      .filter((t) => t.status !== 'completed' && t.status !== 'cancelled');
    if (open.length) throw new UserError('invalid_transition', `this task waits for: ${open.map((t) => `"${t.title}"`).join(', ')}`);
  }
  return core.tx(() => {
    const now = new Date().toISOString();
    const fields: Record<string, unknown> = { status };
    if (status === 'completed') Object.assign(fields, { completed_at: now, completed_by: core.actor.userId, completion_percentage: 100 });
    else Object.assign(fields, { completed_at: null, completed_by: null });
    const updated = write(core, { table: 'tasks', op: 'update', id: taskId, fields });
    if (status === 'completed' && task.case_id)
      addCaseEvent(core, {
        caseId: task.case_id as string,
        type: 'task_completed',
        title: `Task completed: ${task.title}`,
        data: { taskId, task: task.title },
      });
    return updated;
  });
}

/** Open tasks due by a date (Today screen), soonest first. */
export function tasksDue(core: Core, byIso: string, limit = 100): Row[] {
  return rows(core, 'tasks', "status IN ('pending','in_progress') AND due_date IS NOT NULL AND due_date <= ?", [byIso], { orderBy: 'due_date', limit });
}
