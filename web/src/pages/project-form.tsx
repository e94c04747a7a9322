import { useEffect, useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { ErrorNote, humanError } from '../errors.tsx';
import { Link, navigate } from '../router.tsx';
import { Empty, Guard, Loading, Page } from '../ui.tsx';
import { CategoriesDocument } from './projects.tsx';

const EditProjectDocument = graphql(`
  query EditProject($id: Int!) {
    project(id: $id) {
      id
      name
      shortName
      description
      longDescription
      categoryId
      allowAnonymousContributors
    }
  }
`);

const CreateProjectDocument = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      name
    }
  }
`);

const UpdateProjectDocument = graphql(`
  mutation UpdateProject($id: Int!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
      name
      shortName
      description
      longDescription
      categoryId
      allowAnonymousContributors
    }
  }
`);

interface Values {
  name: string;
  shortName: string;
  description: string;
  longDescription: string;
  categoryId: string;
  allowAnonymousContributors: boolean;
}

const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);

function ProjectForm({ initial, id }: { initial: Values; id?: number }) {
  const [values, setValues] = useState(initial);
  const [shortTouched, setShortTouched] = useState(Boolean(id));
  const [categories] = useQuery({ query: CategoriesDocument });
  const [created, create] = useMutation(CreateProjectDocument);
  const [updated, update] = useMutation(UpdateProjectDocument);
  const error = created.error ?? updated.error;
  const problems = humanError(error)?.fields ?? [];
  const problemOf = (field: string) => problems.find((p) => p.field === field || p.field.endsWith(`.${field}`))?.message;

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value, ...(key === 'name' && !shortTouched ? { shortName: slugOf(String(value)) } : {}) }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const input = {
      name: values.name.trim(),
      shortName: values.shortName.trim(),
      description: values.description.trim(),
      longDescription: values.longDescription.trim(),
      categoryId: values.categoryId ? Number(values.categoryId) : undefined,
      allowAnonymousContributors: values.allowAnonymousContributors,
    };
    if (id === undefined) {
      const answer = await create({ input });
      if (answer.data) navigate(`/projects/${answer.data.createProject.id}`);
    } else {
      const answer = await update({ id, input });
      if (answer.data) navigate(`/projects/${id}`);
    }
  };

  const field = (key: 'name' | 'shortName' | 'description', label: string, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input
        name={key}
        required
        value={values[key]}
        aria-invalid={problemOf(key) ? 'true' : undefined}
        onInput={(e) => {
          if (key === 'shortName') setShortTouched(true);
          set(key, e.currentTarget.value);
        }}
        {...extra}
      />
      {problemOf(key) && <span class="field-problem">{problemOf(key)}</span>}
    </label>
  );

  return (
    <form class="card form" onSubmit={submit}>
      <ErrorNote error={error} title={id === undefined ? 'The project was not created.' : 'The changes were not saved.'} />
      {field('name', 'Name', { maxLength: 255 })}
      {field('shortName', 'Short name (used in addresses: letters, digits, dashes)', { pattern: '[A-Za-z0-9_-]+', maxLength: 255 })}
      {field('description', 'Description (one line, at most 255 characters)', { maxLength: 255 })}
      <label>
        Long description
        <textarea name="longDescription" rows={4} value={values.longDescription} onInput={(e) => set('longDescription', e.currentTarget.value)} />
      </label>
      <label>
        Category
        <select name="categoryId" value={values.categoryId} onChange={(e) => set('categoryId', e.currentTarget.value)}>
          <option value="">{id === undefined ? 'The first category' : 'Keep the category'}</option>
          {categories.data?.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label class="inline">
        <input
          type="checkbox"
          name="allowAnonymousContributors"
          checked={values.allowAnonymousContributors}
          onChange={(e) => set('allowAnonymousContributors', e.currentTarget.checked)}
        />
        Volunteers may answer without signing in
      </label>
      <div class="row">
        <button type="submit" class="primary" disabled={created.fetching || updated.fetching}>
          {id === undefined ? 'Create project' : 'Save changes'}
        </button>
        <Link class="button" href={id === undefined ? '/projects' : `/projects/${id}`}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

const EMPTY: Values = { name: '', shortName: '', description: '', longDescription: '', categoryId: '', allowAnonymousContributors: true };

export function NewProjectPage() {
  return (
    <Page title="New project">
      <Guard>
        <ProjectForm initial={EMPTY} />
      </Guard>
    </Page>
  );
}

function EditForm({ id }: { id: number }) {
  const [result] = useQuery({ query: EditProjectDocument, variables: { id }, requestPolicy: 'network-only' });
  const [initial, setInitial] = useState<Values | null>(null);
  const project = result.data?.project;
  useEffect(() => {
    if (project && !initial) {
      setInitial({
        name: project.name,
        shortName: project.shortName,
        description: project.description,
        longDescription: project.longDescription,
        categoryId: project.categoryId ? String(project.categoryId) : '',
        allowAnonymousContributors: project.allowAnonymousContributors ?? true,
      });
    }
  }, [project, initial]);
  if (result.error) return <ErrorNote error={result.error} title="The project could not be loaded." />;
  if (result.data && !project) return <Empty>No project has the id {id}.</Empty>;
  if (!initial) return <Loading what="Loading the project" />;
  return <ProjectForm initial={initial} id={id} />;
}

export function EditProjectPage({ id }: { id: number }) {
  return (
    <Page title="Edit project">
      <Guard>{Number.isInteger(id) ? <EditForm id={id} /> : <Empty>There is no project at this address.</Empty>}</Guard>
    </Page>
  );
}
