// GraphQL results -> PYBOSSA JSON objects: snake_case fields, PYBOSSA's timestamp text, the fields a
// non-owner may see, and HATEOAS link/links strings.
import { OBJECTS, type PybossaObject } from './objects.ts';

type Node = Record<string, unknown>;

const TIMESTAMP_FIELDS = new Set(['created', 'updated', 'finish_time']);
/** Fields of a project that only owners and administrators see. */
const PROJECT_OWNER_FIELDS = ['webhook', 'allow_anonymous_contributors', 'published', 'secret_key', 'zip_download', 'contacted'];

/** '2015-01-01T14:37:30.642Z' -> '2015-01-01T14:37:30.642000' (UTC, microseconds, no zone), as PYBOSSA prints. */
export function pybossaTime(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // What Date#toISOString prints (the DateTime scalar): milliseconds, three zeros make microseconds.
  if (value.length === 24 && value.charCodeAt(23) === 90 && value.charCodeAt(19) === 46) return `${value.slice(0, 23)}000`;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(value);
  if (!match) return value;
  return `${match[1]}.${(match[2] ?? '').padEnd(6, '0').slice(0, 6)}`;
}

export const linkTag = (rel: string, title: string, href: string) => `<link rel='${rel}' title='${title}' href='${href}'/>`;

/** Each object's [json name, GraphQL field, is a timestamp], worked out once rather than per item. */
const fieldPlans = new Map<PybossaObject, [string, string, boolean][]>();
function fieldPlan(object: PybossaObject): [string, string, boolean][] {
  let plan = fieldPlans.get(object);
  if (!plan) {
    plan = Object.entries(object.fields).map(([json, field]) => [json, field, TIMESTAMP_FIELDS.has(json)]);
    fieldPlans.set(object, plan);
  }
  return plan;
}

export function shape(object: PybossaObject, node: Node, options: { baseUrl: string; links: boolean }): Node {
  if (object.name === 'user') return shapeUser(node);
  const out: Node = {};
  for (const [json, field, timestamp] of fieldPlan(object)) {
    const value = node[field];
    out[json] = timestamp ? pybossaTime(value) : value;
  }
  if (object.name === 'project' && node.secretKey === null) {
    // Not an owner: PYBOSSA removes the owner-only fields entirely.
    for (const key of PROJECT_OWNER_FIELDS) delete out[key];
  }
  if (object.name === 'project' && 'stats' in node) out.stats = shapeStats(node.stats as Node | null);
  if (node.rank !== undefined && node.rank !== null) {
    out.rank = node.rank;
    out.headline = node.headline;
  }
  if (object.related) {
    for (const [key, [, target]] of Object.entries(object.related)) {
      if (!(key in node)) continue;
      const value = node[key];
      const inner = OBJECTS[target];
      out[key] = Array.isArray(value)
        ? value.map((item) => shape(inner, item as Node, { ...options, links: false }))
        : value
          ? shape(inner, value as Node, { ...options, links: false })
          : null;
    }
  }
  if (options.links) {
    out.link = linkTag('self', object.name, `${options.baseUrl}/api/${object.name}/${out.id}`);
    const links = object.parents
      .filter(([, field]) => out[field] !== null && out[field] !== undefined)
      .map(([title, field]) => linkTag(object.name === 'project' ? title : 'parent', title, `${options.baseUrl}/api/${title}/${out[field]}`));
    if (object.parents.length && (links.length || object.name !== 'project')) out.links = links;
  }
  return out;
}

/** A project's statistics as PYBOSSA's ProjectStats object, or {} when there are none. */
function shapeStats(stats: Node | null): Node {
  if (!stats) return {};
  return {
    project_id: stats.projectId,
    n_tasks: stats.nTasks,
    n_task_runs: stats.nTaskRuns,
    n_results: stats.nResults,
    n_completed_tasks: stats.nCompletedTasks,
    n_volunteers: stats.nVolunteers,
    overall_progress: stats.overallProgress,
    last_activity: pybossaTime(stats.lastActivity),
    info: {},
  };
}

/** PYBOSSA's user privacy: self and admins see the profile; others name and locale (plus fullname and created when public). */
function shapeUser(node: Node): Node {
  if (node.apiKey !== null && node.apiKey !== undefined) {
    return {
      created: pybossaTime(node.created),
      name: node.name,
      fullname: node.fullname,
      info: node.info,
      n_answers: null,
      registered_ago: null,
      rank: null,
      score: null,
      locale: node.locale,
      id: node.id,
      email_addr: node.emailAddr,
    };
  }
  const out: Node = { name: node.name, locale: node.locale };
  if (node.fullname !== null && node.fullname !== undefined) {
    out.fullname = node.fullname;
    out.created = pybossaTime(node.created);
  }
  return out;
}
