// A task's state follows its task runs: completed exactly when it has nAnswers of them. Completing
// creates the task's result (the earlier versions stop being the last); falling below reopens it.
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { TaskRow } from '../../db/tables.ts';

export async function settleTaskState(trx: DB, task: TaskRow): Promise<TaskRow> {
  const complete = task.n_task_runs >= task.n_answers;
  if (complete === (task.state === 'completed')) return task;
  const updated = (await trx
    .updateTable('tasks')
    .set({ state: complete ? 'completed' : 'ongoing' })
    .where('id', '=', task.id)
    .returningAll()
    .executeTakeFirst())!;
  if (complete) {
    await trx.updateTable('results').set({ last_version: false }).where('task_id', '=', task.id).where('last_version', '=', true).execute();
    await sql`INSERT INTO results (project_id, task_id, task_run_ids, last_version, info)
      SELECT ${task.project_id}, ${task.id}, coalesce(array_agg(id ORDER BY id), '{}'), true, NULL FROM task_runs WHERE task_id = ${task.id}`.execute(trx);
  }
  return updated;
}

/** Counts one more (or one fewer) task run for the task, under the task's row lock, then settles its state. */
export async function countTaskRun(trx: DB, taskId: number, delta: 1 | -1): Promise<TaskRow> {
  const task = (await trx
    .updateTable('tasks')
    .set({ n_task_runs: sql`greatest(n_task_runs + ${delta}, 0)` })
    .where('id', '=', taskId)
    .returningAll()
    .executeTakeFirst())!;
  return settleTaskState(trx, task);
}
