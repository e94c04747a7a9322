// An absent GraphQL argument reaches a resolver as `undefined`, not `null`. Every query and mutation
// of the schema is called here with its optional arguments (and optional input fields) left out, as
// an administrator: a refusal is fine, an internal error is a resolver confusing the two.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSchema } from '../../src/graphql/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let demo: DemoSession;
let schema: GraphQLSchema;
let dataDir: string;
const ids: Record<string, number | string> = {};

// A fresh seeded database per pass: the deletions of one pass must not starve the next.
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gantry-absent-'));
  t = await startTestApp({ DATA_DIR: dataDir, MAX_QUERY_COST: '100000000', MAX_QUERY_DEPTH: '100' });
  demo = await seedAndSignIn(t);
  schema = await getSchema();
  const db = t.database.db;
  const first = async (table: 'categories' | 'projects' | 'tasks' | 'task_runs' | 'results') =>
    (await db.selectFrom(table).select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  ids.category = await first('categories');
  ids.project = await first('projects');
  ids.task = await first('tasks');
  ids.taskRun = await first('task_runs');
  ids.result = await first('results');
  // A task run outside every result (those can still change), and a task the admin was given.
  const inResults = (await db.selectFrom('results').select('task_run_ids').execute()).flatMap((r) => r.task_run_ids);
  ids.freeTaskRun = (
    await db.selectFrom('task_runs').select('id').where('id', 'not in', [0, ...inResults]).orderBy('id').limit(1).executeTakeFirstOrThrow()
  ).id;
  const given = await t.gql<{ newTask: { id: number } }>('query($p: Int!) { newTask(projectId: $p) { id } }', { p: ids.project }, demo.as('admin'));
  ids.givenTask = given.data!.newTask.id;
  const created = await t.gql<{ createCompetition: { id: string } }>(
    'mutation($i: CompetitionInput!) { createCompetition(input: $i) { id } }',
    { i: { countryId: 'GBR', date: '2031-05-01', finishDate: '2031-05-02', fullName: 'Absent Arguments Open', slug: 'absent-arguments-open' } },
    demo.as('admin'),
  );
  ids.competition = created.data!.createCompetition.id;
});

afterEach(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Values for required arguments and required input fields, keyed "field.argument" or "Input.field". */
function requiredValues(): Record<string, unknown> {
  return {
    'category.id': ids.category,
    'competition.id': ids.competition,
    'competitionCountries.fromDate': '2020-01-01',
    'competitionCountries.toDate': '2040-12-31',
    'externalUserToken.secretKey': 'not-the-secret',
    'externalUserToken.shortName': 'galaxyzoo',
    'newTask.projectId': ids.project,
    'newTasks.projectId': ids.project,
    'project.id': ids.project,
    'result.id': ids.result,
    'task.id': ids.task,
    'taskRun.id': ids.taskRun,
    'user.id': demo.ids.bob,
    'clearApiKeys.usernames': ['bob'],
    'generateApiKeys.usernames': ['bob'],
    'createCategory.input': {},
    'CreateCategoryInput.name': 'Absent Args',
    'CreateCategoryInput.shortName': 'absentargs',
    'CreateCategoryInput.description': 'A category made by the absent-arguments test.',
    'createCompetition.input': {},
    'CompetitionInput.countryId': 'GBR',
    'CompetitionInput.date': '2032-06-01',
    'CompetitionInput.finishDate': '2032-06-01',
    'CompetitionInput.fullName': 'Absent Arguments Games',
    'CompetitionInput.slug': 'absent-arguments-games',
    'createProject.input': {},
    'CreateProjectInput.name': 'Absent Args',
    'CreateProjectInput.shortName': 'absentargs',
    'CreateProjectInput.description': 'A project made by the absent-arguments test.',
    'createTask.input': {},
    'CreateTaskInput.projectId': ids.project,
    'createUser.input': {},
    'CreateUserInput.name': 'absentargs',
    'CreateUserInput.email': 'absentargs@example.com',
    'CreateUserInput.password': 'absent-arguments-password',
    'deleteCategory.id': ids.category,
    'deleteCompetition.id': ids.competition,
    'deleteProject.id': ids.project,
    'deleteTask.id': ids.task,
    'deleteTaskRun.id': ids.freeTaskRun,
    'deleteUser.id': demo.ids.carol,
    'issueAccessToken.username': 'admin',
    'issueAccessToken.password': 'admin-password',
    'issueStaticToken.username': 'admin',
    'issueStaticToken.password': 'admin-password',
    'login.nameOrEmail': 'admin',
    'login.password': 'admin-password',
    'publishProject.id': ids.project,
    'rotateProjectSecret.projectId': ids.project,
    'setApiSecret.secret': 'Absent-Arguments-Secret-1',
    'setCountryAdmin.country': 'GBR',
    'setCountryAdmin.member': true,
    'setCountryAdmin.username': 'bob',
    'submitTaskRun.input': {},
    'SubmitTaskRunInput.projectId': ids.project,
    'SubmitTaskRunInput.taskId': ids.givenTask,
    'updateCategory.id': ids.category,
    'updateCategory.input': {},
    'updateCompetition.id': ids.competition,
    'updateCompetition.input': {},
    'updateProject.id': ids.project,
    'updateProject.input': {},
    'updateResult.id': ids.result,
    'updateTask.id': ids.task,
    'updateTask.input': {},
    'updateTaskRun.id': ids.freeTaskRun,
    'updateTaskRun.input': {},
    'updateUser.id': demo.ids.bob,
    'updateUser.input': {},
    'uploadBuggy.json': '{"number_of_wheels": 4}',
    'validateCompetition.input': {},
  };
}

/** Fills an input object's required fields only. */
function fillInput(type: GraphQLInputType, given: unknown, values: Record<string, unknown>, missing: string[], optional: 'absent' | 'null'): unknown {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || typeof given !== 'object' || given === null || Array.isArray(given)) return given;
  const out: Record<string, unknown> = { ...(given as Record<string, unknown>) };
  for (const field of Object.values(named.getFields())) {
    if (field.name in out) continue;
    if (!isNonNullType(field.type)) {
      if (optional === 'null') out[field.name] = null;
      continue;
    }
    if (field.defaultValue !== undefined) continue;
    const key = `${named.name}.${field.name}`;
    if (!(key in values)) missing.push(key);
    else out[field.name] = fillInput(field.type, values[key], values, missing, optional);
  }
  return out;
}

/** Every field without required arguments: scalars as they are, objects by __typename, two levels deep. */
function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (!isObjectType(named) || depth === 0) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const inner = getNamedType(field.type);
    if (isScalarType(inner) || isEnumType(inner)) parts.push(field.name);
    else parts.push(`${field.name} ${selection(field.type, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

function operation(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  values: Record<string, unknown>,
  missing: string[],
  optional: 'absent' | 'null',
) {
  const variables: Record<string, unknown> = {};
  const declared: string[] = [];
  const passed: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) {
      // Optional: left out, or given as an explicit null.
      if (optional === 'null') passed.push(`${arg.name}: null`);
      continue;
    }
    if (arg.defaultValue !== undefined) continue;
    const key = `${field.name}.${arg.name}`;
    if (!(key in values)) {
      missing.push(key);
      continue;
    }
    variables[arg.name] = fillInput(arg.type, values[key], values, missing, optional);
    declared.push(`$${arg.name}: ${String(arg.type)}`);
    passed.push(`${arg.name}: $${arg.name}`);
  }
  const name = `Absent_${field.name}`;
  const head = declared.length ? `${kind} ${name}(${declared.join(', ')})` : `${kind} ${name}`;
  const call = passed.length ? `${field.name}(${passed.join(', ')})` : field.name;
  return { document: `${head} { ${call} ${selection(field.type, 2)} }`, variables };
}

/** Deletions run last so the objects the other operations need still exist. */
const order = (name: string) => (name.startsWith('delete') ? (name === 'deleteProject' || name === 'deleteUser' ? 2 : 1) : 0);

describe('optional arguments', () => {
  it.each([
    ['left out', 'absent'],
    ['given as null', 'null'],
  ] as const)('no query or mutation fails with an internal error when its optional arguments are %s', async (_, optional) => {
    const values = requiredValues();
    const missing: string[] = [];
    const internal: string[] = [];
    let calls = 0;
    for (const kind of ['query', 'mutation'] as const) {
      const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
      const fields = Object.values(root.getFields()).sort((a, b) => order(a.name) - order(b.name));
      expect(fields.length).toBeGreaterThan(10);
      for (const field of fields) {
        const { document, variables } = operation(kind, field, values, missing, optional);
        const r = await t.gql(document, variables, demo.as('admin'));
        calls += 1;
        for (const error of r.errors ?? []) {
          if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') internal.push(`${kind} ${field.name} at ${JSON.stringify((error as { path?: unknown }).path)}`);
        }
        if (r.status >= 500) internal.push(`${kind} ${field.name}: HTTP ${r.status}`);
      }
    }
    expect(missing, 'required arguments with no value in the table above').toEqual([]);
    expect(internal).toEqual([]);
    expect(calls).toBeGreaterThan(60);
  });
});
