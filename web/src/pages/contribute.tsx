import { useEffect, useRef, useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { ErrorNote } from '../errors.tsx';
import { InfoView } from '../info-view.tsx';
import { Link } from '../router.tsx';
import { Empty, Loading, Notice, Page, ProgressBar } from '../ui.tsx';

const NextTaskDocument = graphql(`
  query NextTask($projectId: Int!) {
    project(id: $projectId) {
      id
      name
      description
    }
    newTask(projectId: $projectId) {
      id
      info
      nAnswers
      nTaskRuns
    }
    userProgress(projectId: $projectId) {
      done
      total
    }
  }
`);

const SubmitTaskRunDocument = graphql(`
  mutation SubmitTaskRun($input: SubmitTaskRunInput!) {
    submitTaskRun(input: $input) {
      id
      taskId
    }
  }
`);

/** Choices a task offers, when its info lists them (options / answers / choices). */
function choicesOf(info: unknown): string[] {
  if (!info || typeof info !== 'object') return [];
  const record = info as Record<string, unknown>;
  for (const key of ['options', 'answers', 'choices']) {
    const value = record[key];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  }
  return [];
}

/** The answer form of one task; keyed by task id, so a new task always starts with an empty answer. */
function TaskForm({ task, submitting, onAnswer }: { task: { id: number; info: unknown }; submitting: boolean; onAnswer(answer: string): void }) {
  const [answer, setAnswer] = useState('');
  const answerRef = useRef<HTMLInputElement>(null);
  const choices = choicesOf(task.info);
  useEffect(() => answerRef.current?.focus(), []);
  return (
    <form
      class="card form"
      onSubmit={(event) => {
        event.preventDefault();
        if (answer.trim()) onAnswer(answer.trim());
      }}
      aria-labelledby="task-title"
    >
      <h2 id="task-title">Task {task.id}</h2>
      <InfoView info={task.info} />
      {choices.length > 0 ? (
        <fieldset>
          <legend>Your answer</legend>
          {choices.map((choice) => (
            <label class="inline" key={choice}>
              <input type="radio" name="answer" value={choice} checked={answer === choice} onChange={() => setAnswer(choice)} required />
              {choice}
            </label>
          ))}
        </fieldset>
      ) : (
        <label>
          Your answer
          <input ref={answerRef} name="answer" required autoComplete="off" value={answer} onInput={(e) => setAnswer(e.currentTarget.value)} />
        </label>
      )}
      <button type="submit" class="primary" disabled={submitting || !answer.trim()}>
        {submitting ? 'Saving…' : 'Submit answer'}
      </button>
    </form>
  );
}

export function ContributePage({ projectId }: { projectId: number }) {
  const [result, reexecute] = useQuery({ query: NextTaskDocument, variables: { projectId }, requestPolicy: 'network-only', pause: !Number.isInteger(projectId) });
  const [submitted, submit] = useMutation(SubmitTaskRunDocument);
  const [thanks, setThanks] = useState<number | null>(null);
  const task = result.data?.newTask;

  const onAnswer = async (answer: string) => {
    if (!task) return;
    const sent = await submit({ input: { projectId, taskId: task.id, info: { answer } } });
    if (sent.data) {
      setThanks(task.id);
      reexecute({ requestPolicy: 'network-only' });
    }
  };

  const title = result.data?.project ? `Contribute: ${result.data.project.name}` : 'Contribute';
  if (!Number.isInteger(projectId)) return <Page title="Project not found">{<Empty>There is no project at this address.</Empty>}</Page>;
  if (result.error && !result.data) return <Page title={title}>{<ErrorNote error={result.error} title="No task could be loaded." />}</Page>;
  if (!result.data) return <Page title={title}>{<Loading what="Finding a task for you" />}</Page>;
  if (!result.data.project) return <Page title="Project not found">{<Empty>No project has the id {projectId}.</Empty>}</Page>;
  const progress = result.data.userProgress;
  // The task just answered stays in the old result until the next one arrives: never show it again.
  const waitingForNext = task && thanks === task.id;

  return (
    <Page title={title}>
      <p class="muted">{result.data.project.description}</p>
      <ProgressBar value={progress.done} max={progress.total} label="Tasks you answered" />
      {thanks !== null && <Notice kind="ok">Thank you: your answer to task {thanks} was saved.</Notice>}
      <ErrorNote error={submitted.error} title="Your answer was not saved." />
      {waitingForNext ? (
        <Loading what="Finding your next task" />
      ) : !task ? (
        <div class="empty done" role="status" data-testid="no-tasks-left">
          <h2>No tasks left</h2>
          <p>You have answered every task of this project that still needs answers. Thank you!</p>
          <p>
            <Link href={`/projects/${projectId}`}>Back to the project</Link> · <Link href="/projects">Other projects</Link>
          </p>
        </div>
      ) : (
        <TaskForm key={task.id} task={task} submitting={submitted.fetching} onAnswer={onAnswer} />
      )}
    </Page>
  );
}
