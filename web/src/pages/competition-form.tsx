import { useEffect, useState } from 'preact/hooks';
import { useClient, useMutation, useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import type { CompetitionInput } from '../gql/graphql.ts';
import { isDay } from '../dates.ts';
import { ErrorNote, humanError } from '../errors.tsx';
import { Link, navigate } from '../router.tsx';
import { mayCreateCompetitions, useSession } from '../session.tsx';
import { Empty, formatDay, Guard, Loading, Page } from '../ui.tsx';

const CompetitionDocument = graphql(`
  query EditCompetition($id: ID!) {
    competition(id: $id) {
      id
      fullName
      shortName
      slug
      countryId
      city
      address
      date
      finishDate
      website
      basicDescription
      viewerCanManage
    }
  }
`);

const DuplicatesDocument = graphql(`
  query DuplicateCompetitions($ids: [ID!]!) {
    competitions(ids: $ids) {
      id
      fullName
      slug
      city
      countryId
      date
    }
  }
`);

const SlugTakenDocument = graphql(`
  query CompetitionSlugTaken($slug: String!) {
    competitions(slug: $slug, limit: 1) {
      id
    }
  }
`);

const CreateCompetitionDocument = graphql(`
  mutation CreateCompetition($input: CompetitionInput!, $overrideToken: String) {
    createCompetition(input: $input, overrideToken: $overrideToken) {
      id
      fullName
      date
      countryId
    }
  }
`);

const UpdateCompetitionDocument = graphql(`
  mutation UpdateCompetition($id: ID!, $input: CompetitionPatch!, $overrideToken: String) {
    updateCompetition(id: $id, input: $input, overrideToken: $overrideToken) {
      id
      fullName
      shortName
      slug
      countryId
      city
      address
      date
      finishDate
      website
      basicDescription
    }
  }
`);

const DeleteCompetitionDocument = graphql(`
  mutation DeleteCompetition($id: ID!) {
    deleteCompetition(id: $id)
  }
`);

interface Values {
  fullName: string;
  shortName: string;
  slug: string;
  countryId: string;
  city: string;
  address: string;
  date: string;
  finishDate: string;
  website: string;
  basicDescription: string;
}

interface Duplicate {
  overrideToken: string;
  matches: { id: string; fullName: string; slug: string; city?: string | null; countryId: string; date: string }[];
}

const slugOf = (name: string, date: string): string =>
  `${name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)}${isDay(date) ? `-${date.slice(0, 4)}` : ''}`;

const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function toInput(values: Values): CompetitionInput {
  return {
    fullName: values.fullName.trim(),
    shortName: blankToNull(values.shortName),
    slug: values.slug.trim(),
    countryId: values.countryId.trim().toUpperCase(),
    city: blankToNull(values.city),
    address: blankToNull(values.address),
    date: values.date,
    finishDate: values.finishDate || values.date,
    website: blankToNull(values.website),
    basicDescription: blankToNull(values.basicDescription),
  };
}

function CompetitionForm({ initial, id }: { initial: Values; id?: string }) {
  const { me } = useSession();
  const client = useClient();
  const [values, setValues] = useState(initial);
  const [slugTouched, setSlugTouched] = useState(Boolean(id));
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [created, create] = useMutation(CreateCompetitionDocument);
  const [updated, update] = useMutation(UpdateCompetitionDocument);
  const [deleted, remove] = useMutation(DeleteCompetitionDocument);
  const countries = me?.admin ? null : (me?.countryAdminOf ?? []);
  const error = duplicate ? null : (created.error ?? updated.error ?? deleted.error);
  const problems = humanError(error)?.fields ?? [];
  const problemOf = (field: string) => problems.find((p) => p.field === field || p.field.endsWith(`.${field}`))?.message;

  const set = (key: keyof Values, value: string) =>
    setValues((v) => {
      const next = { ...v, [key]: value };
      if (!slugTouched && (key === 'fullName' || key === 'date')) next.slug = slugOf(next.fullName, next.date);
      if (key === 'date' && (!v.finishDate || v.finishDate < value)) next.finishDate = value;
      return next;
    });

  /** The duplicate answer carries an override token; the slug must still be new, so an automatic one gets a suffix. */
  const onDuplicate = async (overrideToken: string, ids: string[]) => {
    let slug = values.slug;
    const answer = ids.length ? await client.query(DuplicatesDocument, { ids }, { requestPolicy: 'network-only' }).toPromise() : null;
    if (!slugTouched) {
      for (let n = 2; n < 100; n++) {
        const candidate = `${values.slug}-${n}`;
        const taken = await client.query(SlugTakenDocument, { slug: candidate }, { requestPolicy: 'network-only' }).toPromise();
        if (taken.data && taken.data.competitions.length === 0) {
          slug = candidate;
          break;
        }
      }
      setValues((v) => ({ ...v, slug }));
    }
    setDuplicate({ overrideToken, matches: answer?.data?.competitions ?? [] });
  };

  const save = async (overrideToken?: string) => {
    if (id) {
      // A rename (or a new date) onto another competition gets the same duplicate warning as a create.
      const answer = await update({ id, input: toInput(values), overrideToken: overrideToken ?? null });
      const first = answer.error?.graphQLErrors[0];
      if (first?.extensions?.code === 'CONFLICT' && first.extensions.reason === 'duplicate_competition') {
        await onDuplicate(String(first.extensions.overrideToken), (first.extensions.matchingCompetitionIds as string[]) ?? []);
        return;
      }
      if (answer.data) navigate(`/competitions?view=list&from=${answer.data.updateCompetition.date}`);
      return;
    }
    const answer = await create({ input: toInput(values), overrideToken: overrideToken ?? null });
    const first = answer.error?.graphQLErrors[0];
    if (first?.extensions?.code === 'CONFLICT' && first.extensions.reason === 'duplicate_competition') {
      await onDuplicate(String(first.extensions.overrideToken), (first.extensions.matchingCompetitionIds as string[]) ?? []);
      return;
    }
    if (answer.data) {
      const c = answer.data.createCompetition;
      navigate(`/competitions?view=list&from=${c.date}&to=${c.date}&country=${c.countryId}`);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setDuplicate(null);
    await save();
  };

  const onDelete = async () => {
    if (!id || !confirm(`Delete “${values.fullName}”? This cannot be undone.`)) return;
    const answer = await remove({ id });
    if (answer.data?.deleteCompetition) navigate('/competitions');
  };

  const input = (key: keyof Values, label: string, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input
        name={key}
        value={values[key]}
        aria-invalid={problemOf(key) ? 'true' : undefined}
        onInput={(e) => {
          if (key === 'slug') setSlugTouched(true);
          set(key, e.currentTarget.value);
        }}
        {...extra}
      />
      {problemOf(key) && <span class="field-problem">{problemOf(key)}</span>}
    </label>
  );

  return (
    <form class="card form" onSubmit={submit}>
      <ErrorNote error={error} title={id ? 'The changes were not saved.' : 'The competition was not created.'} />
      {duplicate && (
        <div class="note note-warn" role="alert" data-testid="duplicate-warning">
          <strong>A competition with this name already starts on {formatDay(values.date)}:</strong>
          <ul>
            {duplicate.matches.map((m) => (
              <li key={m.id}>
                {m.fullName}
                {m.city ? `, ${m.city}` : ''} ({m.countryId}) — slug <code>{m.slug}</code>
              </li>
            ))}
          </ul>
          <p>
            If this is really a different competition, {id ? 'save' : 'create'} it anyway{slugTouched ? '' : ` (with the slug ${values.slug})`}. Otherwise, change
            the name or the date.
          </p>
          <div class="row">
            <button type="button" class="primary" onClick={() => save(duplicate.overrideToken).then(() => setDuplicate(null))} disabled={created.fetching || updated.fetching}>
              {id ? 'Save anyway' : 'Create anyway'}
            </button>
            <button type="button" onClick={() => setDuplicate(null)}>
              Change it
            </button>
          </div>
        </div>
      )}
      {input('fullName', 'Name', { required: true, maxLength: 300 })}
      {input('shortName', 'Short name', { maxLength: 200 })}
      {input('slug', 'Slug (unique, lower case, no spaces)', { required: true, pattern: '[a-z0-9][a-z0-9._\\-]*' })}
      {countries ? (
        <label>
          Country
          <select name="countryId" required value={values.countryId} onChange={(e) => set('countryId', e.currentTarget.value)}>
            {countries.length !== 1 && <option value="">Choose…</option>}
            {countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ) : (
        input('countryId', 'Country (IOC code, e.g. GBR)', { required: true, pattern: '[A-Za-z]{3}', maxLength: 3 })
      )}
      <div class="row">
        {input('date', 'First day', { type: 'date', required: true })}
        {input('finishDate', 'Last day', { type: 'date', required: true, min: values.date || undefined })}
      </div>
      {input('city', 'City', { maxLength: 200 })}
      {input('address', 'Address', { maxLength: 1000 })}
      {input('website', 'Website', { type: 'url', maxLength: 1000, placeholder: 'https://…' })}
      <label>
        Description
        <textarea name="basicDescription" rows={3} value={values.basicDescription} onInput={(e) => set('basicDescription', e.currentTarget.value)} />
      </label>
      <div class="row">
        <button type="submit" class="primary" disabled={created.fetching || updated.fetching}>
          {id ? 'Save changes' : 'Create competition'}
        </button>
        <Link class="button" href="/competitions">
          Cancel
        </Link>
        {id && (
          <button type="button" class="danger" onClick={onDelete} disabled={deleted.fetching}>
            Delete
          </button>
        )}
      </div>
    </form>
  );
}

const EMPTY: Values = { fullName: '', shortName: '', slug: '', countryId: '', city: '', address: '', date: '', finishDate: '', website: '', basicDescription: '' };

function EditForm({ id }: { id: string }) {
  const [result] = useQuery({ query: CompetitionDocument, variables: { id }, requestPolicy: 'network-only' });
  const [initial, setInitial] = useState<Values | null>(null);
  const c = result.data?.competition;
  useEffect(() => {
    if (c && !initial) {
      setInitial({
        fullName: c.fullName,
        shortName: c.shortName ?? '',
        slug: c.slug,
        countryId: c.countryId,
        city: c.city ?? '',
        address: c.address ?? '',
        date: c.date,
        finishDate: c.finishDate,
        website: c.website ?? '',
        basicDescription: c.basicDescription ?? '',
      });
    }
  }, [c, initial]);
  if (result.error) return <ErrorNote error={result.error} title="The competition could not be loaded." />;
  if (result.data && !c) return <Empty>No competition has this id.</Empty>;
  if (c && !c.viewerCanManage) {
    return (
      <div class="note note-error" role="alert">
        You may not change “{c.fullName}”: only administrators, the federation admins of {c.countryId} and its director may.
      </div>
    );
  }
  if (!initial) return <Loading what="Loading the competition" />;
  return <CompetitionForm initial={initial} id={id} />;
}

export function CompetitionFormPage({ id }: { id?: string }) {
  const { me } = useSession();
  const countries = me?.countryAdminOf ?? [];
  return (
    <Page title={id ? 'Edit competition' : 'New competition'}>
      <Guard allowed={id ? undefined : mayCreateCompetitions} need="administrators and federation admins">
        {id ? <EditForm id={id} /> : <CompetitionForm initial={{ ...EMPTY, countryId: !me?.admin && countries.length === 1 ? countries[0]! : '' }} />}
      </Guard>
    </Page>
  );
}
