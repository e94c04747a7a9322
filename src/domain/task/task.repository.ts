import type { Viewer } from '../../auth/viewer.ts';
import type { ListSpec } from '../../db/list-query.ts';
import { inOwnedProject } from '../project/project.repository.ts';
import { inVisibleProject } from '../project/project.visibility.ts';

export function taskListSpec(viewer: Viewer): ListSpec {
  return {
    table: 'tasks',
    filters: {
      id: 'id',
      projectId: 'project_id',
      state: 'state',
      quorum: 'quorum',
      calibration: 'calibration',
      priority0: 'priority_0',
      nAnswers: 'n_answers',
    },
    order: {
      id: 'id',
      created: 'created',
      projectId: 'project_id',
      state: 'state',
      priority0: 'priority_0',
      nAnswers: 'n_answers',
      quorum: 'quorum',
      calibration: 'calibration',
      favUserIds: 'fav_user_ids',
    },
    projectColumn: 'project_id',
    hasInfo: true,
    visible: () => inVisibleProject(viewer, 'tasks'),
    mine: () => inOwnedProject(viewer, 'tasks'),
  };
}
