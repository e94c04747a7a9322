// The six PYBOSSA objects: their JSON fields, how each maps onto the GraphQL schema, which keys a
// query string may filter or order by, which body keys are reserved, writable or merely tolerated
// (pbclient sends back what it read), and their HATEOAS links.

export type FieldType = 'int' | 'float' | 'bool' | 'string' | 'json' | 'intList';

export interface PybossaObject {
  name: 'project' | 'category' | 'task' | 'taskrun' | 'result' | 'user';
  /** Model class name, used in PYBOSSA's messages. */
  cls: string;
  /** GraphQL names. */
  gql: { type: string; one: string; list: string; filter: string; order: string; create?: string; update?: string; del?: string; createInput?: string; updateInput?: string };
  /** Every JSON field (model column) the object has. */
  columns: string[];
  /** JSON field -> GraphQL field, for the selection set. */
  fields: Record<string, string>;
  /** Query-string filters: JSON field -> GraphQL filter key and type. */
  filters: Record<string, { key: string; type: FieldType }>;
  /** orderby: JSON field -> GraphQL order enum value. */
  order: Record<string, string>;
  /** Extra list arguments this object's list query takes. */
  listArgs: string[];
  /** Body keys refused with 400 "Reserved keys in payload". */
  reserved: string[];
  /** Body keys a create may set: JSON field -> GraphQL input key. */
  createInput: Record<string, { key: string; type: FieldType }>;
  /** Body keys an update may set. */
  updateInput: Record<string, { key: string; type: FieldType }>;
  /** Nested selections added by related=true: JSON key -> [GraphQL field, object]. */
  related?: Record<string, [string, PybossaObject['name'], 'list' | 'one']>;
  /** Parent links: [title, JSON field holding the parent id] in order. */
  parents: [string, string][];
}

const t = (key: string, type: FieldType) => ({ key, type });

export const OBJECTS: Record<PybossaObject['name'], PybossaObject> = {
  project: {
    name: 'project',
    cls: 'Project',
    gql: { type: 'Project', one: 'project', list: 'projects', filter: 'ProjectFilter', order: 'ProjectOrderField', create: 'createProject', update: 'updateProject', del: 'deleteProject', createInput: 'CreateProjectInput', updateInput: 'UpdateProjectInput' },
    columns: ['id', 'created', 'updated', 'name', 'short_name', 'description', 'long_description', 'webhook', 'allow_anonymous_contributors', 'published', 'featured', 'secret_key', 'zip_download', 'contacted', 'owner_id', 'category_id', 'info', 'owners_ids'],
    fields: {
      id: 'id', created: 'created', updated: 'updated', name: 'name', short_name: 'shortName', description: 'description', long_description: 'longDescription',
      webhook: 'webhook', allow_anonymous_contributors: 'allowAnonymousContributors', published: 'published', featured: 'featured', secret_key: 'secretKey',
      zip_download: 'zipDownload', contacted: 'contacted', owner_id: 'ownerId', category_id: 'categoryId', info: 'info', owners_ids: 'ownersIds',
    },
    filters: {
      id: t('id', 'int'), name: t('name', 'string'), short_name: t('shortName', 'string'), description: t('description', 'string'), owner_id: t('ownerId', 'int'),
      category_id: t('categoryId', 'int'), published: t('published', 'bool'), featured: t('featured', 'bool'), allow_anonymous_contributors: t('allowAnonymousContributors', 'bool'),
    },
    order: { id: 'id', name: 'name', short_name: 'shortName', created: 'created', updated: 'updated', owner_id: 'ownerId', category_id: 'categoryId', featured: 'featured' },
    listArgs: [],
    reserved: ['id', 'created', 'updated', 'completed', 'contacted', 'secret_key'],
    createInput: {
      name: t('name', 'string'), short_name: t('shortName', 'string'), description: t('description', 'string'), long_description: t('longDescription', 'string'),
      category_id: t('categoryId', 'int'), allow_anonymous_contributors: t('allowAnonymousContributors', 'bool'), webhook: t('webhook', 'string'),
      zip_download: t('zipDownload', 'bool'), info: t('info', 'json'),
    },
    updateInput: {
      name: t('name', 'string'), short_name: t('shortName', 'string'), description: t('description', 'string'), long_description: t('longDescription', 'string'),
      category_id: t('categoryId', 'int'), allow_anonymous_contributors: t('allowAnonymousContributors', 'bool'), webhook: t('webhook', 'string'),
      zip_download: t('zipDownload', 'bool'), info: t('info', 'json'), featured: t('featured', 'bool'), owners_ids: t('ownersIds', 'intList'),
    },
    parents: [['category', 'category_id']],
  },
  category: {
    name: 'category',
    cls: 'Category',
    gql: { type: 'Category', one: 'category', list: 'categories', filter: 'CategoryFilter', order: 'CategoryOrderField', create: 'createCategory', update: 'updateCategory', del: 'deleteCategory', createInput: 'CreateCategoryInput', updateInput: 'UpdateCategoryInput' },
    columns: ['id', 'created', 'name', 'short_name', 'description', 'info'],
    fields: { id: 'id', created: 'created', name: 'name', short_name: 'shortName', description: 'description', info: 'info' },
    filters: { id: t('id', 'int'), name: t('name', 'string'), short_name: t('shortName', 'string'), description: t('description', 'string') },
    order: { id: 'id', name: 'name', short_name: 'shortName', created: 'created' },
    listArgs: [],
    reserved: ['id', 'created'],
    createInput: { name: t('name', 'string'), short_name: t('shortName', 'string'), description: t('description', 'string'), info: t('info', 'json') },
    updateInput: { name: t('name', 'string'), short_name: t('shortName', 'string'), description: t('description', 'string'), info: t('info', 'json') },
    parents: [],
  },
  task: {
    name: 'task',
    cls: 'Task',
    gql: { type: 'Task', one: 'task', list: 'tasks', filter: 'TaskFilter', order: 'TaskOrderField', create: 'createTask', update: 'updateTask', del: 'deleteTask', createInput: 'CreateTaskInput', updateInput: 'UpdateTaskInput' },
    columns: ['id', 'created', 'project_id', 'state', 'quorum', 'calibration', 'priority_0', 'info', 'n_answers', 'fav_user_ids'],
    fields: { id: 'id', created: 'created', project_id: 'projectId', state: 'state', quorum: 'quorum', calibration: 'calibration', priority_0: 'priority0', info: 'info', n_answers: 'nAnswers', fav_user_ids: 'favUserIds' },
    filters: {
      id: t('id', 'int'), state: t('state', 'string'), quorum: t('quorum', 'int'), calibration: t('calibration', 'int'), priority_0: t('priority0', 'float'), n_answers: t('nAnswers', 'int'),
    },
    order: { id: 'id', created: 'created', project_id: 'projectId', state: 'state', priority_0: 'priority0', n_answers: 'nAnswers', quorum: 'quorum', calibration: 'calibration', fav_user_ids: 'favUserIds' },
    listArgs: ['projectIds: [Int!]', 'participated: Boolean', 'externalUid: String'],
    reserved: ['id', 'created', 'state', 'fav_user_ids'],
    createInput: { project_id: t('projectId', 'int'), info: t('info', 'json'), n_answers: t('nAnswers', 'int'), quorum: t('quorum', 'int'), calibration: t('calibration', 'int'), priority_0: t('priority0', 'float') },
    updateInput: { info: t('info', 'json'), n_answers: t('nAnswers', 'int'), quorum: t('quorum', 'int'), calibration: t('calibration', 'int'), priority_0: t('priority0', 'float') },
    related: { task_runs: ['taskRuns(limit: 100)', 'taskrun', 'list'], result: ['result', 'result', 'one'] },
    parents: [['project', 'project_id']],
  },
  taskrun: {
    name: 'taskrun',
    cls: 'TaskRun',
    gql: { type: 'TaskRun', one: 'taskRun', list: 'taskRuns', filter: 'TaskRunFilter', order: 'TaskRunOrderField', create: 'submitTaskRun', update: 'updateTaskRun', del: 'deleteTaskRun', createInput: 'SubmitTaskRunInput', updateInput: 'UpdateTaskRunInput' },
    columns: ['id', 'created', 'project_id', 'task_id', 'user_id', 'user_ip', 'finish_time', 'timeout', 'calibration', 'external_uid', 'media_url', 'info'],
    fields: {
      id: 'id', created: 'created', project_id: 'projectId', task_id: 'taskId', user_id: 'userId', user_ip: 'userIp', finish_time: 'finishTime', timeout: 'timeout',
      calibration: 'calibration', external_uid: 'externalUid', media_url: 'mediaUrl', info: 'info',
    },
    filters: {
      id: t('id', 'int'), task_id: t('taskId', 'int'), user_id: t('userId', 'int'), user_ip: t('userIp', 'string'), external_uid: t('externalUid', 'string'),
      timeout: t('timeout', 'int'), calibration: t('calibration', 'int'), media_url: t('mediaUrl', 'string'),
    },
    order: { id: 'id', created: 'created', finish_time: 'finishTime', project_id: 'projectId', task_id: 'taskId', user_id: 'userId' },
    listArgs: ['projectIds: [Int!]'],
    reserved: ['id', 'created', 'finish_time'],
    createInput: {
      project_id: t('projectId', 'int'), task_id: t('taskId', 'int'), info: t('info', 'json'), external_uid: t('externalUid', 'string'), media_url: t('mediaUrl', 'string'),
      timeout: t('timeout', 'int'), calibration: t('calibration', 'int'),
    },
    updateInput: { info: t('info', 'json'), media_url: t('mediaUrl', 'string'), timeout: t('timeout', 'int'), calibration: t('calibration', 'int') },
    related: { task: ['task', 'task', 'one'], result: ['result', 'result', 'one'] },
    parents: [['project', 'project_id'], ['task', 'task_id']],
  },
  result: {
    name: 'result',
    cls: 'Result',
    gql: { type: 'Result', one: 'result', list: 'results', filter: 'ResultFilter', order: 'ResultOrderField' },
    columns: ['id', 'created', 'project_id', 'task_id', 'task_run_ids', 'last_version', 'info'],
    fields: { id: 'id', created: 'created', project_id: 'projectId', task_id: 'taskId', task_run_ids: 'taskRunIds', last_version: 'lastVersion', info: 'info' },
    filters: { id: t('id', 'int'), task_id: t('taskId', 'int'), last_version: t('lastVersion', 'bool') },
    order: { id: 'id', created: 'created', project_id: 'projectId', task_id: 'taskId' },
    listArgs: ['projectIds: [Int!]', 'allVersions: Boolean'],
    reserved: ['id', 'created', 'project_id', 'task_id', 'task_run_ids', 'last_version'],
    createInput: {},
    updateInput: { info: t('info', 'json') },
    related: { task: ['task', 'task', 'one'], task_runs: ['taskRuns', 'taskrun', 'list'] },
    parents: [['project', 'project_id'], ['task', 'task_id']],
  },
  user: {
    name: 'user',
    cls: 'User',
    gql: { type: 'User', one: 'user', list: 'users', filter: 'UserFilter', order: 'UserOrderField', update: 'updateUser', updateInput: 'UpdateUserInput' },
    columns: ['id', 'created', 'email_addr', 'name', 'fullname', 'locale', 'api_key', 'passwd_hash', 'ldap', 'admin', 'pro', 'privacy_mode', 'restrict', 'category', 'flags', 'ckan_api', 'newsletter_prompted', 'valid_email', 'confirmation_email_sent', 'subscribed', 'consent', 'info', 'user_pref', 'notified_at'],
    fields: { id: 'id', created: 'created', name: 'name', fullname: 'fullname', email_addr: 'emailAddr', locale: 'locale', info: 'info', api_key: 'apiKey', privacy_mode: 'privacyMode' },
    filters: { name: t('name', 'string'), fullname: t('fullname', 'string'), locale: t('locale', 'string'), admin: t('admin', 'bool'), privacy_mode: t('privacyMode', 'bool') },
    order: { id: 'id', name: 'name', created: 'created', locale: 'locale' },
    listArgs: [],
    reserved: [],
    createInput: {},
    updateInput: {
      name: t('name', 'string'), fullname: t('fullname', 'string'), email_addr: t('email', 'string'), locale: t('locale', 'string'), privacy_mode: t('privacyMode', 'bool'),
      info: t('info', 'json'), admin: t('admin', 'bool'), restrict: t('restrict', 'bool'),
    },
    parents: [],
  },
};

/** Keys pbclient and the web app send back unchanged; accepted and ignored rather than refused. */
export const TOLERATED_BODY_KEYS: Record<PybossaObject['name'], string[]> = {
  project: ['owner_id', 'published_at'],
  category: [],
  task: ['project_id'],
  taskrun: ['project_id', 'task_id', 'user_id', 'user_ip', 'external_uid'],
  result: [],
  user: ['id', 'created', 'n_answers', 'registered_ago', 'rank', 'score', 'api_key', 'passwd_hash'],
};
