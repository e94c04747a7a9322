// Nightly pruning of tombstones and change-feed rows older than COMPETITION_TOMBSTONE_DAYS, on the
// same nightly schedule as the calendar files.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { DB } from '../db/index.ts';
import { pruneDeletions } from '../domain/competition/competition-changes.repository.ts';
import { NightlySchedule } from './scheduler.ts';

export function registerTombstonePruning(app: FastifyInstance, { db, config }: { db: DB; config: Config }): void {
  const prune = () => pruneDeletions(db, config.competitionTombstoneDays).then((summary) => {
    app.log.info({ ...summary, days: config.competitionTombstoneDays }, 'competition tombstones pruned');
  });
  const nightly = new NightlySchedule(prune, (error) => app.log.error(error, 'nightly tombstone pruning failed'));
  app.addHook('onListen', async () => nightly.start());
  app.addHook('onClose', async () => nightly.stop());
}
