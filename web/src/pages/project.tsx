import { useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { ErrorNote } from '../errors.tsx';
import { summary } from '../info-view.tsx';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { Empty, formatDateTime, Loading, Notice, Page, ProgressBar } from '../ui.tsx';
import { ImportTasks } from './import-tasks.tsx';
import { ProjectSecretCard } from './rotate-secrets.tsx';

const TASKS_PER_PAGE = 20;

const ProjectDocument = graphql(`
  query ProjectPage($id: Int!, $tasksOffset: Int!, $tasksLimit: Int!) {
    project(id: $id) {
      id
      name
      shortName
      description
      longDescription
      published
      ownerId
      ownersIds
      allowAnonymousContributors
      owner {
        id
        name
      }
      category {
        id
        name
      }
      progress {
        total
        completed
        taskRuns
      }
      tasks(limit: $tasksLimit, offset: $tasksOffset) {
        id
        state
        nAnswers
        nTaskRuns
        info
      }
      results(limit: 20, desc: true) {
        id
        taskId
        created
        taskRuns {
          id
          info
          user {
            id
            name
          }
        }
      }
    }
  }
`);

const ProjectTaskRunsDocument = graphql(`
  query ProjectTaskRuns($projectId: Int!) {
    taskRuns(projectIds: [$projectId], all: true, limit: 20, desc: true) {
      id
      taskId
      finishTime
      info
      user {
        id
        name
      }
    }
  }
`);

const PublishProjectDocument = graphql(`
  mutation PublishProject($id: Int!) {
    publishProject(id: $id) {
      id
      published
    }
  }
`);

const DeleteProjectDocument = graphql(`
  mutation DeleteProject($id: Int!) {
    deleteProject(id: $id)
  }
`);

function TaskRunsTable({ projectId }: { projectId: number }) {
  const [result] = useQuery({ query: ProjectTaskRunsDocument, variables: { projectId } });
  if (result.error) return <ErrorNote error={result.error} title="The task runs could not be loaded." />;
  if (!result.data) return <Loading what="Loading task runs" />;
  const runs = result.data.taskRuns;
  if (runs.length === 0) return <Empty>No answers yet.</Empty>;
  return (
    <div class="table-wrap">
      <table class="table" aria-label="Latest task runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Task</th>
            <th scope="col">Volunteer</th>
            <th scope="col">Answer</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>{run.id}</td>
              <td>{run.taskId}</td>
              <td>{run.user?.name ?? 'anonymous'}</td>
              <td>{summary(run.info)}</td>
              <td>{formatDateTime(run.finishTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProjectPage({ id }: { id: number }) {
  const { me } = useSession();
  const [tasksOffset, setTasksOffset] = useState(0);
  const [result, refetch] = useQuery({ query: ProjectDocument, variables: { id, tasksOffset, tasksLimit: TASKS_PER_PAGE }, pause: !Number.isInteger(id) });
  const [publishing, publish] = useMutation(PublishProjectDocument);
  const [deleting, remove] = useMutation(DeleteProjectDocument);
  const [refreshKey, setRefreshKey] = useState(0);

  if (!Number.isInteger(id)) return <Page title="Project">{<Empty>There is no project at this address.</Empty>}</Page>;
  if (result.error && !result.data) return <Page title="Project">{<ErrorNote error={result.error} title="The project could not be loaded." />}</Page>;
  if (!result.data) return <Page title="Project">{<Loading what="Loading the project" />}</Page>;
  const project = result.data.project;
  if (!project) {
    return (
      <Page title="Project not found">
        <Empty>
          <p>
            No project has the id {id}, or it is a draft you may not see. <Link href="/projects">All projects</Link>
          </p>
        </Empty>
      </Page>
    );
  }
  const owns = Boolean(me && (me.admin || project.ownersIds.includes(me.id)));
  const onDelete = async () => {
    if (!confirm(`Delete “${project.name}” with all its tasks, answers and results? This cannot be undone.`)) return;
    const answer = await remove({ id: project.id });
    if (answer.data?.deleteProject) navigate('/projects');
  };
  const refresh = () => {
    refetch({ requestPolicy: 'network-only' });
    setRefreshKey((k) => k + 1);
  };

  return (
    <Page
      title={project.name}
      actions={
        <>
          {(project.progress.total > project.progress.completed || owns) && (
            <Link class="button primary" href={`/projects/${project.id}/contribute`}>
              Contribute
            </Link>
          )}
          {owns && (
            <Link class="button" href={`/projects/${project.id}/edit`}>
              Edit
            </Link>
          )}
          {owns && project.published === false && (
            <button type="button" onClick={() => publish({ id: project.id })} disabled={publishing.fetching}>
              Publish
            </button>
          )}
          {owns && (
            <button type="button" class="danger" onClick={onDelete} disabled={deleting.fetching}>
              Delete
            </button>
          )}
        </>
      }
    >
      <ErrorNote error={publishing.error} title="Not published." />
      <ErrorNote error={deleting.error} title="Not deleted." />
      <p class="muted">
        <code>{project.shortName}</code> · {project.category?.name ?? 'No category'} · owner {project.owner?.name ?? 'not shown'}
        {project.published === false && <span class="badge">draft</span>}
      </p>
      <p>{project.description}</p>
      {project.longDescription && project.longDescription !== project.description && <p class="muted">{project.longDescription}</p>}

      <h2>Progress</h2>
      <ProgressBar value={project.progress.completed} max={project.progress.total} label="Tasks completed" />
      <p class="muted" data-testid="progress">
        {project.progress.completed} of {project.progress.total} tasks completed · {project.progress.taskRuns} answers received
      </p>

      {owns && <ImportTasks projectId={project.id} onImported={refresh} />}
      {owns && <ProjectSecretCard projectId={project.id} />}

      <h2>Tasks</h2>
      {project.tasks.length === 0 ? (
        <Empty>{tasksOffset === 0 ? (owns ? 'No tasks yet: import some from a CSV or JSON file above.' : 'No tasks yet.') : 'No more tasks.'}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table" aria-label="Tasks">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">State</th>
                <th scope="col">Answers</th>
                <th scope="col">Info</th>
              </tr>
            </thead>
            <tbody>
              {project.tasks.map((task) => (
                <tr key={task.id}>
                  <td>{task.id}</td>
                  <td>
                    <span class={`badge state-${task.state}`}>{task.state}</span>
                  </td>
                  <td>
                    {task.nTaskRuns} / {task.nAnswers}
                  </td>
                  <td class="clip">{summary(task.info)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(tasksOffset > 0 || project.tasks.length === TASKS_PER_PAGE) && (
        <nav class="pager" aria-label="Task pages">
          <button type="button" disabled={tasksOffset === 0} onClick={() => setTasksOffset(Math.max(0, tasksOffset - TASKS_PER_PAGE))}>
            Previous tasks
          </button>
          <button type="button" disabled={project.tasks.length < TASKS_PER_PAGE} onClick={() => setTasksOffset(tasksOffset + TASKS_PER_PAGE)}>
            Next tasks
          </button>
        </nav>
      )}

      <h2>Results</h2>
      {project.results.length === 0 ? (
        <Empty>No results yet: a task has a result once it received all its answers.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table" aria-label="Results">
            <thead>
              <tr>
                <th scope="col">Result</th>
                <th scope="col">Task</th>
                <th scope="col">Answers</th>
                <th scope="col">Completed</th>
              </tr>
            </thead>
            <tbody>
              {project.results.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{r.taskId}</td>
                  <td>{r.taskRuns.map((run) => `${run.user?.name ?? 'anonymous'}: ${summary(run.info)}`).join('; ')}</td>
                  <td>{formatDateTime(r.created)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Latest answers</h2>
      <TaskRunsTable key={refreshKey} projectId={project.id} />
      {project.published === false && owns && project.progress.total === 0 && <Notice>Import at least one task before publishing.</Notice>}
    </Page>
  );
}
