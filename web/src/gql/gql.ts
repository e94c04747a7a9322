/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ApiKeyUsers($limit: Int!, $lastId: Int) {\n    users(all: true, limit: $limit, lastId: $lastId) {\n      id\n      name\n      fullname\n      admin\n      active\n      raceApiKey\n      apiSecret {\n        expiresAt\n        expired\n        oneTime\n        used\n      }\n      buggyUploadedAt\n    }\n  }\n": typeof types.ApiKeyUsersDocument,
    "\n  mutation GenerateApiKeys($usernames: [String!]!) {\n    generateApiKeys(usernames: $usernames) {\n      id\n      name\n      raceApiKey\n    }\n  }\n": typeof types.GenerateApiKeysDocument,
    "\n  mutation ClearApiKeys($usernames: [String!]!) {\n    clearApiKeys(usernames: $usernames) {\n      id\n      name\n      raceApiKey\n    }\n  }\n": typeof types.ClearApiKeysDocument,
    "\n  query MyApiSecret {\n    me {\n      id\n      name\n      raceApiKey\n      apiSecret {\n        setAt\n        expiresAt\n        oneTime\n        used\n        expired\n      }\n    }\n    settings {\n      apiSecretTimeToLive\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n    }\n  }\n": typeof types.MyApiSecretDocument,
    "\n  mutation SetApiSecret($secret: String!, $oneTime: Boolean) {\n    setApiSecret(secret: $secret, oneTime: $oneTime) {\n      setAt\n      expiresAt\n      oneTime\n      used\n      expired\n    }\n  }\n": typeof types.SetApiSecretDocument,
    "\n  query ApiTestMe {\n    me {\n      id\n      name\n      raceApiKey\n    }\n  }\n": typeof types.ApiTestMeDocument,
    "\n  mutation GenerateMyApiKey($usernames: [String!]!) {\n    generateApiKeys(usernames: $usernames) {\n      id\n      raceApiKey\n    }\n  }\n": typeof types.GenerateMyApiKeyDocument,
    "\n  mutation ClearMyApiKey($usernames: [String!]!) {\n    clearApiKeys(usernames: $usernames) {\n      id\n      raceApiKey\n    }\n  }\n": typeof types.ClearMyApiKeyDocument,
    "\n  query MyBuggy {\n    me {\n      id\n      name\n      buggyUploadedAt\n      latestBuggyJson\n      buggy {\n        buggyId\n        qtyWheels\n        qtyTyres\n        tyres\n        powerType\n        powerUnits\n        auxPowerType\n        auxPowerUnits\n        hamsterBooster\n        armour\n        attack\n        qtyAttacks\n        algo\n        flagColor\n        flagColorSecondary\n        flagPattern\n        fireproof\n        insulated\n        antibiotic\n        banging\n        totalCost\n        mass\n        updated\n      }\n    }\n  }\n": typeof types.MyBuggyDocument,
    "\n  mutation UploadMyBuggy($json: String!) {\n    uploadBuggy(json: $json) {\n      ok\n      error\n      created\n    }\n  }\n": typeof types.UploadMyBuggyDocument,
    "\n  query EditCompetition($id: ID!) {\n    competition(id: $id) {\n      id\n      fullName\n      shortName\n      slug\n      countryId\n      city\n      address\n      date\n      finishDate\n      website\n      basicDescription\n      viewerCanManage\n    }\n  }\n": typeof types.EditCompetitionDocument,
    "\n  query DuplicateCompetitions($ids: [ID!]!) {\n    competitions(ids: $ids) {\n      id\n      fullName\n      slug\n      city\n      countryId\n      date\n    }\n  }\n": typeof types.DuplicateCompetitionsDocument,
    "\n  query CompetitionSlugTaken($slug: String!) {\n    competitions(slug: $slug, limit: 1) {\n      id\n    }\n  }\n": typeof types.CompetitionSlugTakenDocument,
    "\n  mutation CreateCompetition($input: CompetitionInput!, $overrideToken: String) {\n    createCompetition(input: $input, overrideToken: $overrideToken) {\n      id\n      fullName\n      date\n      countryId\n    }\n  }\n": typeof types.CreateCompetitionDocument,
    "\n  mutation UpdateCompetition($id: ID!, $input: CompetitionPatch!, $overrideToken: String) {\n    updateCompetition(id: $id, input: $input, overrideToken: $overrideToken) {\n      id\n      fullName\n      shortName\n      slug\n      countryId\n      city\n      address\n      date\n      finishDate\n      website\n      basicDescription\n    }\n  }\n": typeof types.UpdateCompetitionDocument,
    "\n  mutation DeleteCompetition($id: ID!) {\n    deleteCompetition(id: $id)\n  }\n": typeof types.DeleteCompetitionDocument,
    "\n  query CompetitionList($countries: [String!], $fromDate: LocalDate, $toDate: LocalDate, $limit: Int) {\n    competitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, limit: $limit) {\n      id\n      fullName\n      shortName\n      countryId\n      city\n      date\n      finishDate\n      website\n      viewerCanManage\n    }\n  }\n": typeof types.CompetitionListDocument,
    "\n  query CompetitionCountries($fromDate: LocalDate!, $toDate: LocalDate!) {\n    competitionCountries(fromDate: $fromDate, toDate: $toDate)\n  }\n": typeof types.CompetitionCountriesDocument,
    "\n  query RecentlyCancelled($countries: [String!], $fromDate: LocalDate) {\n    deletedCompetitions(countries: $countries, fromDate: $fromDate, limit: 50) {\n      id\n      fullName\n      countryId\n      date\n      finishDate\n      deletedAt\n    }\n  }\n": typeof types.RecentlyCancelledDocument,
    "\n  query NextTask($projectId: Int!) {\n    project(id: $projectId) {\n      id\n      name\n      description\n    }\n    newTask(projectId: $projectId) {\n      id\n      info\n      nAnswers\n      nTaskRuns\n    }\n    userProgress(projectId: $projectId) {\n      done\n      total\n    }\n  }\n": typeof types.NextTaskDocument,
    "\n  mutation SubmitTaskRun($input: SubmitTaskRunInput!) {\n    submitTaskRun(input: $input) {\n      id\n      taskId\n    }\n  }\n": typeof types.SubmitTaskRunDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      projectId\n    }\n  }\n": typeof types.CreateTaskDocument,
    "\n  query EditProject($id: Int!) {\n    project(id: $id) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      categoryId\n      allowAnonymousContributors\n    }\n  }\n": typeof types.EditProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateProjectDocument,
    "\n  mutation UpdateProject($id: Int!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      categoryId\n      allowAnonymousContributors\n    }\n  }\n": typeof types.UpdateProjectDocument,
    "\n  query ProjectPage($id: Int!, $tasksOffset: Int!, $tasksLimit: Int!) {\n    project(id: $id) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      published\n      ownerId\n      ownersIds\n      allowAnonymousContributors\n      owner {\n        id\n        name\n      }\n      category {\n        id\n        name\n      }\n      progress {\n        total\n        completed\n        taskRuns\n      }\n      tasks(limit: $tasksLimit, offset: $tasksOffset) {\n        id\n        state\n        nAnswers\n        nTaskRuns\n        info\n      }\n      results(limit: 20, desc: true) {\n        id\n        taskId\n        created\n        taskRuns {\n          id\n          info\n          user {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProjectPageDocument,
    "\n  query ProjectTaskRuns($projectId: Int!) {\n    taskRuns(projectIds: [$projectId], all: true, limit: 20, desc: true) {\n      id\n      taskId\n      finishTime\n      info\n      user {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ProjectTaskRunsDocument,
    "\n  mutation PublishProject($id: Int!) {\n    publishProject(id: $id) {\n      id\n      published\n    }\n  }\n": typeof types.PublishProjectDocument,
    "\n  mutation DeleteProject($id: Int!) {\n    deleteProject(id: $id)\n  }\n": typeof types.DeleteProjectDocument,
    "\n  query Categories {\n    categories(all: true, limit: 100, orderBy: name) {\n      id\n      name\n    }\n  }\n": typeof types.CategoriesDocument,
    "\n  query ProjectsPage($first: Int!, $after: String, $search: String, $filter: ProjectFilter, $all: Boolean) {\n    projectsConnection(first: $first, after: $after, search: $search, filter: $filter, all: $all) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          shortName\n          description\n          published\n          category {\n            id\n            name\n          }\n          owner {\n            id\n            name\n          }\n          progress {\n            total\n            completed\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProjectsPageDocument,
    "\n  mutation RotateProjectSecret($projectId: Int!) {\n    rotateProjectSecret(projectId: $projectId) {\n      id\n      secretKey\n    }\n  }\n": typeof types.RotateProjectSecretDocument,
    "\n  mutation RotateApiKey {\n    rotateApiKey\n  }\n": typeof types.RotateApiKeyDocument,
    "\n  query RaceSettings {\n    settings {\n      apiSecretTimeToLive\n      isAdminApiEnabled\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n      overridden\n    }\n  }\n": typeof types.RaceSettingsDocument,
    "\n  mutation UpdateRaceSettings($input: UpdateSettingsInput, $reset: [SettingName!]) {\n    updateSettings(input: $input, reset: $reset) {\n      apiSecretTimeToLive\n      isAdminApiEnabled\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n      overridden\n    }\n  }\n": typeof types.UpdateRaceSettingsDocument,
    "\n  mutation Login($nameOrEmail: String!, $password: String!) {\n    login(nameOrEmail: $nameOrEmail, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      fullname\n      admin\n      countryAdminOf\n    }\n  }\n": typeof types.MeDocument,
};
const documents: Documents = {
    "\n  query ApiKeyUsers($limit: Int!, $lastId: Int) {\n    users(all: true, limit: $limit, lastId: $lastId) {\n      id\n      name\n      fullname\n      admin\n      active\n      raceApiKey\n      apiSecret {\n        expiresAt\n        expired\n        oneTime\n        used\n      }\n      buggyUploadedAt\n    }\n  }\n": types.ApiKeyUsersDocument,
    "\n  mutation GenerateApiKeys($usernames: [String!]!) {\n    generateApiKeys(usernames: $usernames) {\n      id\n      name\n      raceApiKey\n    }\n  }\n": types.GenerateApiKeysDocument,
    "\n  mutation ClearApiKeys($usernames: [String!]!) {\n    clearApiKeys(usernames: $usernames) {\n      id\n      name\n      raceApiKey\n    }\n  }\n": types.ClearApiKeysDocument,
    "\n  query MyApiSecret {\n    me {\n      id\n      name\n      raceApiKey\n      apiSecret {\n        setAt\n        expiresAt\n        oneTime\n        used\n        expired\n      }\n    }\n    settings {\n      apiSecretTimeToLive\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n    }\n  }\n": types.MyApiSecretDocument,
    "\n  mutation SetApiSecret($secret: String!, $oneTime: Boolean) {\n    setApiSecret(secret: $secret, oneTime: $oneTime) {\n      setAt\n      expiresAt\n      oneTime\n      used\n      expired\n    }\n  }\n": types.SetApiSecretDocument,
    "\n  query ApiTestMe {\n    me {\n      id\n      name\n      raceApiKey\n    }\n  }\n": types.ApiTestMeDocument,
    "\n  mutation GenerateMyApiKey($usernames: [String!]!) {\n    generateApiKeys(usernames: $usernames) {\n      id\n      raceApiKey\n    }\n  }\n": types.GenerateMyApiKeyDocument,
    "\n  mutation ClearMyApiKey($usernames: [String!]!) {\n    clearApiKeys(usernames: $usernames) {\n      id\n      raceApiKey\n    }\n  }\n": types.ClearMyApiKeyDocument,
    "\n  query MyBuggy {\n    me {\n      id\n      name\n      buggyUploadedAt\n      latestBuggyJson\n      buggy {\n        buggyId\n        qtyWheels\n        qtyTyres\n        tyres\n        powerType\n        powerUnits\n        auxPowerType\n        auxPowerUnits\n        hamsterBooster\n        armour\n        attack\n        qtyAttacks\n        algo\n        flagColor\n        flagColorSecondary\n        flagPattern\n        fireproof\n        insulated\n        antibiotic\n        banging\n        totalCost\n        mass\n        updated\n      }\n    }\n  }\n": types.MyBuggyDocument,
    "\n  mutation UploadMyBuggy($json: String!) {\n    uploadBuggy(json: $json) {\n      ok\n      error\n      created\n    }\n  }\n": types.UploadMyBuggyDocument,
    "\n  query EditCompetition($id: ID!) {\n    competition(id: $id) {\n      id\n      fullName\n      shortName\n      slug\n      countryId\n      city\n      address\n      date\n      finishDate\n      website\n      basicDescription\n      viewerCanManage\n    }\n  }\n": types.EditCompetitionDocument,
    "\n  query DuplicateCompetitions($ids: [ID!]!) {\n    competitions(ids: $ids) {\n      id\n      fullName\n      slug\n      city\n      countryId\n      date\n    }\n  }\n": types.DuplicateCompetitionsDocument,
    "\n  query CompetitionSlugTaken($slug: String!) {\n    competitions(slug: $slug, limit: 1) {\n      id\n    }\n  }\n": types.CompetitionSlugTakenDocument,
    "\n  mutation CreateCompetition($input: CompetitionInput!, $overrideToken: String) {\n    createCompetition(input: $input, overrideToken: $overrideToken) {\n      id\n      fullName\n      date\n      countryId\n    }\n  }\n": types.CreateCompetitionDocument,
    "\n  mutation UpdateCompetition($id: ID!, $input: CompetitionPatch!, $overrideToken: String) {\n    updateCompetition(id: $id, input: $input, overrideToken: $overrideToken) {\n      id\n      fullName\n      shortName\n      slug\n      countryId\n      city\n      address\n      date\n      finishDate\n      website\n      basicDescription\n    }\n  }\n": types.UpdateCompetitionDocument,
    "\n  mutation DeleteCompetition($id: ID!) {\n    deleteCompetition(id: $id)\n  }\n": types.DeleteCompetitionDocument,
    "\n  query CompetitionList($countries: [String!], $fromDate: LocalDate, $toDate: LocalDate, $limit: Int) {\n    competitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, limit: $limit) {\n      id\n      fullName\n      shortName\n      countryId\n      city\n      date\n      finishDate\n      website\n      viewerCanManage\n    }\n  }\n": types.CompetitionListDocument,
    "\n  query CompetitionCountries($fromDate: LocalDate!, $toDate: LocalDate!) {\n    competitionCountries(fromDate: $fromDate, toDate: $toDate)\n  }\n": types.CompetitionCountriesDocument,
    "\n  query RecentlyCancelled($countries: [String!], $fromDate: LocalDate) {\n    deletedCompetitions(countries: $countries, fromDate: $fromDate, limit: 50) {\n      id\n      fullName\n      countryId\n      date\n      finishDate\n      deletedAt\n    }\n  }\n": types.RecentlyCancelledDocument,
    "\n  query NextTask($projectId: Int!) {\n    project(id: $projectId) {\n      id\n      name\n      description\n    }\n    newTask(projectId: $projectId) {\n      id\n      info\n      nAnswers\n      nTaskRuns\n    }\n    userProgress(projectId: $projectId) {\n      done\n      total\n    }\n  }\n": types.NextTaskDocument,
    "\n  mutation SubmitTaskRun($input: SubmitTaskRunInput!) {\n    submitTaskRun(input: $input) {\n      id\n      taskId\n    }\n  }\n": types.SubmitTaskRunDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      projectId\n    }\n  }\n": types.CreateTaskDocument,
    "\n  query EditProject($id: Int!) {\n    project(id: $id) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      categoryId\n      allowAnonymousContributors\n    }\n  }\n": types.EditProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateProjectDocument,
    "\n  mutation UpdateProject($id: Int!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      categoryId\n      allowAnonymousContributors\n    }\n  }\n": types.UpdateProjectDocument,
    "\n  query ProjectPage($id: Int!, $tasksOffset: Int!, $tasksLimit: Int!) {\n    project(id: $id) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      published\n      ownerId\n      ownersIds\n      allowAnonymousContributors\n      owner {\n        id\n        name\n      }\n      category {\n        id\n        name\n      }\n      progress {\n        total\n        completed\n        taskRuns\n      }\n      tasks(limit: $tasksLimit, offset: $tasksOffset) {\n        id\n        state\n        nAnswers\n        nTaskRuns\n        info\n      }\n      results(limit: 20, desc: true) {\n        id\n        taskId\n        created\n        taskRuns {\n          id\n          info\n          user {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ProjectPageDocument,
    "\n  query ProjectTaskRuns($projectId: Int!) {\n    taskRuns(projectIds: [$projectId], all: true, limit: 20, desc: true) {\n      id\n      taskId\n      finishTime\n      info\n      user {\n        id\n        name\n      }\n    }\n  }\n": types.ProjectTaskRunsDocument,
    "\n  mutation PublishProject($id: Int!) {\n    publishProject(id: $id) {\n      id\n      published\n    }\n  }\n": types.PublishProjectDocument,
    "\n  mutation DeleteProject($id: Int!) {\n    deleteProject(id: $id)\n  }\n": types.DeleteProjectDocument,
    "\n  query Categories {\n    categories(all: true, limit: 100, orderBy: name) {\n      id\n      name\n    }\n  }\n": types.CategoriesDocument,
    "\n  query ProjectsPage($first: Int!, $after: String, $search: String, $filter: ProjectFilter, $all: Boolean) {\n    projectsConnection(first: $first, after: $after, search: $search, filter: $filter, all: $all) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          shortName\n          description\n          published\n          category {\n            id\n            name\n          }\n          owner {\n            id\n            name\n          }\n          progress {\n            total\n            completed\n          }\n        }\n      }\n    }\n  }\n": types.ProjectsPageDocument,
    "\n  mutation RotateProjectSecret($projectId: Int!) {\n    rotateProjectSecret(projectId: $projectId) {\n      id\n      secretKey\n    }\n  }\n": types.RotateProjectSecretDocument,
    "\n  mutation RotateApiKey {\n    rotateApiKey\n  }\n": types.RotateApiKeyDocument,
    "\n  query RaceSettings {\n    settings {\n      apiSecretTimeToLive\n      isAdminApiEnabled\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n      overridden\n    }\n  }\n": types.RaceSettingsDocument,
    "\n  mutation UpdateRaceSettings($input: UpdateSettingsInput, $reset: [SettingName!]) {\n    updateSettings(input: $input, reset: $reset) {\n      apiSecretTimeToLive\n      isAdminApiEnabled\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n      overridden\n    }\n  }\n": types.UpdateRaceSettingsDocument,
    "\n  mutation Login($nameOrEmail: String!, $password: String!) {\n    login(nameOrEmail: $nameOrEmail, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      fullname\n      admin\n      countryAdminOf\n    }\n  }\n": types.MeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeyUsers($limit: Int!, $lastId: Int) {\n    users(all: true, limit: $limit, lastId: $lastId) {\n      id\n      name\n      fullname\n      admin\n      active\n      raceApiKey\n      apiSecret {\n        expiresAt\n        expired\n        oneTime\n        used\n      }\n      buggyUploadedAt\n    }\n  }\n"): (typeof documents)["\n  query ApiKeyUsers($limit: Int!, $lastId: Int) {\n    users(all: true, limit: $limit, lastId: $lastId) {\n      id\n      name\n      fullname\n      admin\n      active\n      raceApiKey\n      apiSecret {\n        expiresAt\n        expired\n        oneTime\n        used\n      }\n      buggyUploadedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateApiKeys($usernames: [String!]!) {\n    generateApiKeys(usernames: $usernames) {\n      id\n      name\n      raceApiKey\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateApiKeys($usernames: [String!]!) {\n    generateApiKeys(usernames: $usernames) {\n      id\n      name\n      raceApiKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearApiKeys($usernames: [String!]!) {\n    clearApiKeys(usernames: $usernames) {\n      id\n      name\n      raceApiKey\n    }\n  }\n"): (typeof documents)["\n  mutation ClearApiKeys($usernames: [String!]!) {\n    clearApiKeys(usernames: $usernames) {\n      id\n      name\n      raceApiKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyApiSecret {\n    me {\n      id\n      name\n      raceApiKey\n      apiSecret {\n        setAt\n        expiresAt\n        oneTime\n        used\n        expired\n      }\n    }\n    settings {\n      apiSecretTimeToLive\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n    }\n  }\n"): (typeof documents)["\n  query MyApiSecret {\n    me {\n      id\n      name\n      raceApiKey\n      apiSecret {\n        setAt\n        expiresAt\n        oneTime\n        used\n        expired\n      }\n    }\n    settings {\n      apiSecretTimeToLive\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetApiSecret($secret: String!, $oneTime: Boolean) {\n    setApiSecret(secret: $secret, oneTime: $oneTime) {\n      setAt\n      expiresAt\n      oneTime\n      used\n      expired\n    }\n  }\n"): (typeof documents)["\n  mutation SetApiSecret($secret: String!, $oneTime: Boolean) {\n    setApiSecret(secret: $secret, oneTime: $oneTime) {\n      setAt\n      expiresAt\n      oneTime\n      used\n      expired\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTestMe {\n    me {\n      id\n      name\n      raceApiKey\n    }\n  }\n"): (typeof documents)["\n  query ApiTestMe {\n    me {\n      id\n      name\n      raceApiKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateMyApiKey($usernames: [String!]!) {\n    generateApiKeys(usernames: $usernames) {\n      id\n      raceApiKey\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateMyApiKey($usernames: [String!]!) {\n    generateApiKeys(usernames: $usernames) {\n      id\n      raceApiKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearMyApiKey($usernames: [String!]!) {\n    clearApiKeys(usernames: $usernames) {\n      id\n      raceApiKey\n    }\n  }\n"): (typeof documents)["\n  mutation ClearMyApiKey($usernames: [String!]!) {\n    clearApiKeys(usernames: $usernames) {\n      id\n      raceApiKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyBuggy {\n    me {\n      id\n      name\n      buggyUploadedAt\n      latestBuggyJson\n      buggy {\n        buggyId\n        qtyWheels\n        qtyTyres\n        tyres\n        powerType\n        powerUnits\n        auxPowerType\n        auxPowerUnits\n        hamsterBooster\n        armour\n        attack\n        qtyAttacks\n        algo\n        flagColor\n        flagColorSecondary\n        flagPattern\n        fireproof\n        insulated\n        antibiotic\n        banging\n        totalCost\n        mass\n        updated\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyBuggy {\n    me {\n      id\n      name\n      buggyUploadedAt\n      latestBuggyJson\n      buggy {\n        buggyId\n        qtyWheels\n        qtyTyres\n        tyres\n        powerType\n        powerUnits\n        auxPowerType\n        auxPowerUnits\n        hamsterBooster\n        armour\n        attack\n        qtyAttacks\n        algo\n        flagColor\n        flagColorSecondary\n        flagPattern\n        fireproof\n        insulated\n        antibiotic\n        banging\n        totalCost\n        mass\n        updated\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadMyBuggy($json: String!) {\n    uploadBuggy(json: $json) {\n      ok\n      error\n      created\n    }\n  }\n"): (typeof documents)["\n  mutation UploadMyBuggy($json: String!) {\n    uploadBuggy(json: $json) {\n      ok\n      error\n      created\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditCompetition($id: ID!) {\n    competition(id: $id) {\n      id\n      fullName\n      shortName\n      slug\n      countryId\n      city\n      address\n      date\n      finishDate\n      website\n      basicDescription\n      viewerCanManage\n    }\n  }\n"): (typeof documents)["\n  query EditCompetition($id: ID!) {\n    competition(id: $id) {\n      id\n      fullName\n      shortName\n      slug\n      countryId\n      city\n      address\n      date\n      finishDate\n      website\n      basicDescription\n      viewerCanManage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DuplicateCompetitions($ids: [ID!]!) {\n    competitions(ids: $ids) {\n      id\n      fullName\n      slug\n      city\n      countryId\n      date\n    }\n  }\n"): (typeof documents)["\n  query DuplicateCompetitions($ids: [ID!]!) {\n    competitions(ids: $ids) {\n      id\n      fullName\n      slug\n      city\n      countryId\n      date\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompetitionSlugTaken($slug: String!) {\n    competitions(slug: $slug, limit: 1) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query CompetitionSlugTaken($slug: String!) {\n    competitions(slug: $slug, limit: 1) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCompetition($input: CompetitionInput!, $overrideToken: String) {\n    createCompetition(input: $input, overrideToken: $overrideToken) {\n      id\n      fullName\n      date\n      countryId\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCompetition($input: CompetitionInput!, $overrideToken: String) {\n    createCompetition(input: $input, overrideToken: $overrideToken) {\n      id\n      fullName\n      date\n      countryId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCompetition($id: ID!, $input: CompetitionPatch!, $overrideToken: String) {\n    updateCompetition(id: $id, input: $input, overrideToken: $overrideToken) {\n      id\n      fullName\n      shortName\n      slug\n      countryId\n      city\n      address\n      date\n      finishDate\n      website\n      basicDescription\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCompetition($id: ID!, $input: CompetitionPatch!, $overrideToken: String) {\n    updateCompetition(id: $id, input: $input, overrideToken: $overrideToken) {\n      id\n      fullName\n      shortName\n      slug\n      countryId\n      city\n      address\n      date\n      finishDate\n      website\n      basicDescription\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCompetition($id: ID!) {\n    deleteCompetition(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteCompetition($id: ID!) {\n    deleteCompetition(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompetitionList($countries: [String!], $fromDate: LocalDate, $toDate: LocalDate, $limit: Int) {\n    competitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, limit: $limit) {\n      id\n      fullName\n      shortName\n      countryId\n      city\n      date\n      finishDate\n      website\n      viewerCanManage\n    }\n  }\n"): (typeof documents)["\n  query CompetitionList($countries: [String!], $fromDate: LocalDate, $toDate: LocalDate, $limit: Int) {\n    competitions(countries: $countries, fromDate: $fromDate, toDate: $toDate, limit: $limit) {\n      id\n      fullName\n      shortName\n      countryId\n      city\n      date\n      finishDate\n      website\n      viewerCanManage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompetitionCountries($fromDate: LocalDate!, $toDate: LocalDate!) {\n    competitionCountries(fromDate: $fromDate, toDate: $toDate)\n  }\n"): (typeof documents)["\n  query CompetitionCountries($fromDate: LocalDate!, $toDate: LocalDate!) {\n    competitionCountries(fromDate: $fromDate, toDate: $toDate)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentlyCancelled($countries: [String!], $fromDate: LocalDate) {\n    deletedCompetitions(countries: $countries, fromDate: $fromDate, limit: 50) {\n      id\n      fullName\n      countryId\n      date\n      finishDate\n      deletedAt\n    }\n  }\n"): (typeof documents)["\n  query RecentlyCancelled($countries: [String!], $fromDate: LocalDate) {\n    deletedCompetitions(countries: $countries, fromDate: $fromDate, limit: 50) {\n      id\n      fullName\n      countryId\n      date\n      finishDate\n      deletedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NextTask($projectId: Int!) {\n    project(id: $projectId) {\n      id\n      name\n      description\n    }\n    newTask(projectId: $projectId) {\n      id\n      info\n      nAnswers\n      nTaskRuns\n    }\n    userProgress(projectId: $projectId) {\n      done\n      total\n    }\n  }\n"): (typeof documents)["\n  query NextTask($projectId: Int!) {\n    project(id: $projectId) {\n      id\n      name\n      description\n    }\n    newTask(projectId: $projectId) {\n      id\n      info\n      nAnswers\n      nTaskRuns\n    }\n    userProgress(projectId: $projectId) {\n      done\n      total\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitTaskRun($input: SubmitTaskRunInput!) {\n    submitTaskRun(input: $input) {\n      id\n      taskId\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitTaskRun($input: SubmitTaskRunInput!) {\n    submitTaskRun(input: $input) {\n      id\n      taskId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      projectId\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      projectId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditProject($id: Int!) {\n    project(id: $id) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      categoryId\n      allowAnonymousContributors\n    }\n  }\n"): (typeof documents)["\n  query EditProject($id: Int!) {\n    project(id: $id) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      categoryId\n      allowAnonymousContributors\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProject($id: Int!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      categoryId\n      allowAnonymousContributors\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProject($id: Int!, $input: UpdateProjectInput!) {\n    updateProject(id: $id, input: $input) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      categoryId\n      allowAnonymousContributors\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectPage($id: Int!, $tasksOffset: Int!, $tasksLimit: Int!) {\n    project(id: $id) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      published\n      ownerId\n      ownersIds\n      allowAnonymousContributors\n      owner {\n        id\n        name\n      }\n      category {\n        id\n        name\n      }\n      progress {\n        total\n        completed\n        taskRuns\n      }\n      tasks(limit: $tasksLimit, offset: $tasksOffset) {\n        id\n        state\n        nAnswers\n        nTaskRuns\n        info\n      }\n      results(limit: 20, desc: true) {\n        id\n        taskId\n        created\n        taskRuns {\n          id\n          info\n          user {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProjectPage($id: Int!, $tasksOffset: Int!, $tasksLimit: Int!) {\n    project(id: $id) {\n      id\n      name\n      shortName\n      description\n      longDescription\n      published\n      ownerId\n      ownersIds\n      allowAnonymousContributors\n      owner {\n        id\n        name\n      }\n      category {\n        id\n        name\n      }\n      progress {\n        total\n        completed\n        taskRuns\n      }\n      tasks(limit: $tasksLimit, offset: $tasksOffset) {\n        id\n        state\n        nAnswers\n        nTaskRuns\n        info\n      }\n      results(limit: 20, desc: true) {\n        id\n        taskId\n        created\n        taskRuns {\n          id\n          info\n          user {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectTaskRuns($projectId: Int!) {\n    taskRuns(projectIds: [$projectId], all: true, limit: 20, desc: true) {\n      id\n      taskId\n      finishTime\n      info\n      user {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProjectTaskRuns($projectId: Int!) {\n    taskRuns(projectIds: [$projectId], all: true, limit: 20, desc: true) {\n      id\n      taskId\n      finishTime\n      info\n      user {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishProject($id: Int!) {\n    publishProject(id: $id) {\n      id\n      published\n    }\n  }\n"): (typeof documents)["\n  mutation PublishProject($id: Int!) {\n    publishProject(id: $id) {\n      id\n      published\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProject($id: Int!) {\n    deleteProject(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteProject($id: Int!) {\n    deleteProject(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Categories {\n    categories(all: true, limit: 100, orderBy: name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query Categories {\n    categories(all: true, limit: 100, orderBy: name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectsPage($first: Int!, $after: String, $search: String, $filter: ProjectFilter, $all: Boolean) {\n    projectsConnection(first: $first, after: $after, search: $search, filter: $filter, all: $all) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          shortName\n          description\n          published\n          category {\n            id\n            name\n          }\n          owner {\n            id\n            name\n          }\n          progress {\n            total\n            completed\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProjectsPage($first: Int!, $after: String, $search: String, $filter: ProjectFilter, $all: Boolean) {\n    projectsConnection(first: $first, after: $after, search: $search, filter: $filter, all: $all) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          shortName\n          description\n          published\n          category {\n            id\n            name\n          }\n          owner {\n            id\n            name\n          }\n          progress {\n            total\n            completed\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateProjectSecret($projectId: Int!) {\n    rotateProjectSecret(projectId: $projectId) {\n      id\n      secretKey\n    }\n  }\n"): (typeof documents)["\n  mutation RotateProjectSecret($projectId: Int!) {\n    rotateProjectSecret(projectId: $projectId) {\n      id\n      secretKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateApiKey {\n    rotateApiKey\n  }\n"): (typeof documents)["\n  mutation RotateApiKey {\n    rotateApiKey\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RaceSettings {\n    settings {\n      apiSecretTimeToLive\n      isAdminApiEnabled\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n      overridden\n    }\n  }\n"): (typeof documents)["\n  query RaceSettings {\n    settings {\n      apiSecretTimeToLive\n      isAdminApiEnabled\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n      overridden\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRaceSettings($input: UpdateSettingsInput, $reset: [SettingName!]) {\n    updateSettings(input: $input, reset: $reset) {\n      apiSecretTimeToLive\n      isAdminApiEnabled\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n      overridden\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRaceSettings($input: UpdateSettingsInput, $reset: [SettingName!]) {\n    updateSettings(input: $input, reset: $reset) {\n      apiSecretTimeToLive\n      isAdminApiEnabled\n      isApiSecretOneTimePw\n      isStudentApiOtpAllowed\n      taskNameForApi\n      overridden\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($nameOrEmail: String!, $password: String!) {\n    login(nameOrEmail: $nameOrEmail, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($nameOrEmail: String!, $password: String!) {\n    login(nameOrEmail: $nameOrEmail, password: $password) {\n      token\n      user {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      fullname\n      admin\n      countryAdminOf\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      fullname\n      admin\n      countryAdminOf\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;