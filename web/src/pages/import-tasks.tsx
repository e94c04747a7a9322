import { useState } from 'preact/hooks';
import { useClient } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { humanError } from '../errors.tsx';
import { parseImport, type ParsedImport, type RowProblem } from '../import-parse.ts';
import { Notice, ProgressBar } from '../ui.tsx';

const CreateTaskDocument = graphql(`
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      id
      projectId
    }
  }
`);

/** One request at a time: tasks get ids in the order of the file (schedulers serve by id). */
const PARALLEL = 1;

interface Progress {
  done: number;
  total: number;
  created: number;
  problems: RowProblem[];
  finished: boolean;
}

export function ImportTasks({ projectId, onImported }: { projectId: number; onImported(): void }) {
  const client = useClient();
  const [fileName, setFileName] = useState('');
  const [parsed, setParsed] = useState<ParsedImport | null>(null);
  const [nAnswers, setNAnswers] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const running = progress !== null && !progress.finished;

  const choose = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    setProgress(null);
    if (!file) {
      setParsed(null);
      return;
    }
    setFileName(file.name);
    setParsed(parseImport(file.name, await file.text()));
  };

  const start = async (event: Event) => {
    event.preventDefault();
    if (!parsed || running) return;
    const answers = nAnswers.trim() === '' ? undefined : Number(nAnswers);
    const drafts = parsed.drafts;
    const state: Progress = { done: 0, total: drafts.length, created: 0, problems: [...parsed.problems], finished: false };
    setProgress({ ...state });
    let next = 0;
    const worker = async () => {
      while (next < drafts.length) {
        const draft = drafts[next++]!;
        const answer = await client
          .mutation(CreateTaskDocument, {
            input: {
              projectId,
              info: draft.info,
              nAnswers: draft.nAnswers ?? answers,
              priority0: draft.priority0,
              calibration: draft.calibration,
              quorum: draft.quorum,
            },
          })
          .toPromise();
        if (answer.data?.createTask) state.created++;
        else {
          const human = humanError(answer.error);
          const fields = human?.fields.map((f) => `${f.field}: ${f.message}`).join('; ');
          state.problems.push({ row: draft.row, message: [human?.sentence, human?.detail, fields].filter(Boolean).join(' ') });
        }
        state.done++;
        setProgress({ ...state, problems: [...state.problems] });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, drafts.length) }, worker));
    state.problems.sort((a, b) => a.row - b.row);
    setProgress({ ...state, problems: [...state.problems], finished: true });
    onImported();
  };

  return (
    <form class="card form" onSubmit={start} aria-labelledby="import-title">
      <h2 id="import-title">Import tasks</h2>
      <p class="hint">
        A CSV file with a header line (each column becomes a key of the task's info; <code>n_answers</code>, <code>priority_0</code>,{' '}
        <code>calibration</code> and <code>quorum</code> set those task fields), or a JSON array of objects.
      </p>
      <label>
        File (CSV or JSON)
        <input type="file" name="file" accept=".csv,.json,text/csv,application/json" onChange={choose} disabled={running} />
      </label>
      <label>
        Answers needed per task (when the file does not say; empty for the server's default)
        <input type="number" name="nAnswers" min={1} max={10000} inputMode="numeric" value={nAnswers} onInput={(e) => setNAnswers(e.currentTarget.value)} />
      </label>
      {parsed && !progress && (
        <p aria-live="polite">
          {fileName}: {parsed.drafts.length} task{parsed.drafts.length === 1 ? '' : 's'} ready
          {parsed.problems.length > 0 && `, ${parsed.problems.length} row${parsed.problems.length === 1 ? '' : 's'} with problems (listed after the import)`}.
        </p>
      )}
      <button type="submit" class="primary" disabled={!parsed || parsed.drafts.length === 0 || running}>
        {running ? 'Importing…' : parsed ? `Import ${parsed.drafts.length} tasks` : 'Import'}
      </button>
      {progress && (
        <div aria-live="polite">
          <ProgressBar value={progress.done} max={progress.total} label="Tasks imported" />
          {progress.finished && (
            <Notice kind={progress.problems.length ? 'warn' : 'ok'}>
              Imported {progress.created} of {progress.total + parsed!.problems.length} rows
              {progress.problems.length ? `; ${progress.problems.length} row${progress.problems.length === 1 ? '' : 's'} failed.` : '.'}
            </Notice>
          )}
          {progress.finished && progress.problems.length > 0 && (
            <table class="table" aria-label="Rows that were not imported">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {progress.problems.map((p) => (
                  <tr key={`${p.row}:${p.message}`}>
                    <td>{p.row === 0 ? 'file' : p.row}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </form>
  );
}
