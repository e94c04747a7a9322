// GraphQL documents for every PYBOSSA route, built from the object descriptors once and cached
// (parsed and validated on first use by src/graphql/operations.ts).
import { operation, type PreparedOperation } from '../../src/graphql/operations.ts';
import { OBJECTS, type PybossaObject } from './objects.ts';

/** PYBOSSA's ?stats=1 on projects. */
const STATS_SELECTION = 'stats { projectId nTasks nTaskRuns nResults nCompletedTasks nVolunteers overallProgress lastActivity }';

const selection = (object: PybossaObject, related: boolean, stats = false): string => {
  const own = [...new Set(Object.values(object.fields))];
  if (object.name === 'project' || object.name === 'task') own.push('rank', 'headline');
  if (stats && object.name === 'project') own.push(STATS_SELECTION);
  if (!related || !object.related) return own.join(' ');
  const nested = Object.entries(object.related).map(([key, [field, target]]) => `${key}: ${field} { ${selection(OBJECTS[target], false)} }`);
  return [...own, ...nested].join(' ');
};

const cache = new Map<string, PreparedOperation>();
const cached = (key: string, build: () => string): PreparedOperation => {
  let op = cache.get(key);
  if (!op) {
    op = operation(build());
    cache.set(key, op);
  }
  return op;
};

export function listDocument(object: PybossaObject, related: boolean, stats = false): PreparedOperation {
  return cached(`list:${object.name}:${related}${stats ? ':stats' : ''}`, () => {
    const extra = object.listArgs.map((arg) => arg.split(':')[0]!.trim());
    const variables = [
      `$filter: ${object.gql.filter}`, '$info: [InfoPair!]', '$infoContains: JSON', '$fullText: Boolean', '$created: String',
      `$orderBy: ${object.gql.order}`, '$desc: Boolean', '$limit: Int', '$offset: Int', '$lastId: Int', '$all: Boolean',
      ...object.listArgs.map((arg) => `$${arg}`),
    ];
    const args = ['filter', 'info', 'infoContains', 'fullText', 'created', 'orderBy', 'desc', 'limit', 'offset', 'lastId', 'all', ...extra].map((a) => `${a}: $${a}`);
    return `query PybossaList_${object.name}${stats ? '_stats' : ''}(${variables.join(', ')}) { items: ${object.gql.list}(${args.join(', ')}) { ${selection(object, related, stats)} } }`;
  });
}

export function getDocument(object: PybossaObject, related: boolean, stats = false): PreparedOperation {
  return cached(
    `get:${object.name}:${related}${stats ? ':stats' : ''}`,
    () => `query PybossaGet_${object.name}${stats ? '_stats' : ''}($id: Int!) { item: ${object.gql.one}(id: $id) { ${selection(object, related, stats)} } }`,
  );
}

export function createDocument(object: PybossaObject): PreparedOperation {
  return cached(`create:${object.name}`, () => `mutation PybossaCreate_${object.name}($input: ${object.gql.createInput}!) { item: ${object.gql.create}(input: $input) { ${selection(object, false)} } }`);
}

export function updateDocument(object: PybossaObject): PreparedOperation {
  if (object.name === 'result') {
    return cached('update:result', () => `mutation PybossaUpdate_result($id: Int!, $input: JSON) { item: updateResult(id: $id, info: $input) { ${selection(object, false)} } }`);
  }
  return cached(`update:${object.name}`, () => `mutation PybossaUpdate_${object.name}($id: Int!, $input: ${object.gql.updateInput}!) { item: ${object.gql.update}(id: $id, input: $input) { ${selection(object, false)} } }`);
}

export function deleteDocument(object: PybossaObject): PreparedOperation {
  return cached(`delete:${object.name}`, () => `mutation PybossaDelete_${object.name}($id: Int!) { done: ${object.gql.del}(id: $id) }`);
}

/** The scheduler: newtask serves one or more tasks and stamps them for the caller. */
export const newTasksDocument = operation(`query PybossaNewTask($projectId: Int!, $externalUid: String, $offset: Int, $limit: Int, $orderBy: SchedulerOrderField, $desc: Boolean) {
  items: newTasks(projectId: $projectId, externalUid: $externalUid, offset: $offset, limit: $limit, orderBy: $orderBy, desc: $desc) { ${selection(OBJECTS.task, false)} }
}`);

export const userProgressDocument = operation(`query PybossaUserProgress($projectId: Int, $shortName: String, $externalUid: String) {
  progress: userProgress(projectId: $projectId, shortName: $shortName, externalUid: $externalUid) { done total }
}`);

export const globalStatsDocument = operation(`query PybossaGlobalStats {
  stats: globalStats { nProjects nUsers nTasks nTaskRuns nPendingTasks nResults featured draft categories { shortName projects } }
}`);

export const projectTokenDocument = operation(`query PybossaProjectToken($shortName: String!, $secretKey: String!) {
  token: externalUserToken(shortName: $shortName, secretKey: $secretKey)
}`);
