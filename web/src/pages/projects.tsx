import { useEffect, useState } from 'preact/hooks';
import { useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { ErrorNote } from '../errors.tsx';
import { Link, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { Empty, Loading, Page, ProgressBar } from '../ui.tsx';

export const PAGE_SIZE = 10;

export const CategoriesDocument = graphql(`
  query Categories {
    categories(all: true, limit: 100, orderBy: name) {
      id
      name
    }
  }
`);

const ProjectsDocument = graphql(`
  query ProjectsPage($first: Int!, $after: String, $search: String, $filter: ProjectFilter, $all: Boolean) {
    projectsConnection(first: $first, after: $after, search: $search, filter: $filter, all: $all) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          name
          shortName
          description
          published
          category {
            id
            name
          }
          owner {
            id
            name
          }
          progress {
            total
            completed
          }
        }
      }
    }
  }
`);

interface Filters {
  search: string;
  categoryId: number | null;
  mine: boolean;
}

function ProjectsChunk({ filters, after, isLast, onMore }: { filters: Filters; after: string | null; isLast: boolean; onMore(cursor: string): void }) {
  const [result] = useQuery({
    query: ProjectsDocument,
    variables: {
      first: PAGE_SIZE,
      after,
      search: filters.search.trim() || null,
      filter: filters.categoryId ? { categoryId: filters.categoryId } : null,
      all: !filters.mine,
    },
  });
  if (result.error) return <ErrorNote error={result.error} title="The projects could not be loaded." />;
  if (!result.data) return <Loading what="Loading projects" />;
  const connection = result.data.projectsConnection;
  return (
    <>
      {after === null && (
        <p class="count" aria-live="polite">
          {connection.totalCount === 0
            ? ''
            : `${connection.totalCount} project${connection.totalCount === 1 ? '' : 's'}${filters.search.trim() ? ` matching “${filters.search.trim()}”` : ''}`}
        </p>
      )}
      {after === null && connection.edges.length === 0 && (
        <Empty>
          <p>No project matches. {filters.search || filters.categoryId || filters.mine ? 'Try other search words or filters.' : 'Create the first one.'}</p>
        </Empty>
      )}
      <ul class="cards" aria-label={after === null ? 'Projects' : 'More projects'}>
        {connection.edges.map(({ node }) => (
          <li class="card project-card" key={node.id}>
            <h2>
              <Link href={`/projects/${node.id}`}>{node.name}</Link>
            </h2>
            <p class="muted">
              {node.category?.name ?? 'No category'} · by {node.owner?.name ?? 'a private user'}
              {node.published === false && <span class="badge">draft</span>}
            </p>
            <p>{node.description}</p>
            <ProgressBar value={node.progress.completed} max={node.progress.total} label={`${node.name}: tasks completed`} />
          </li>
        ))}
      </ul>
      {isLast && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
        <p class="center">
          <button type="button" onClick={() => onMore(connection.pageInfo.endCursor!)}>
            Load more projects
          </button>
        </p>
      )}
    </>
  );
}

export function ProjectsPage() {
  const { me } = useSession();
  const { query } = useLocation();
  const [searchText, setSearchText] = useState(query.get('q') ?? '');
  const [filters, setFilters] = useState<Filters>({
    search: query.get('q') ?? '',
    categoryId: query.get('category') ? Number(query.get('category')) : null,
    mine: query.get('mine') === '1',
  });
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [categories] = useQuery({ query: CategoriesDocument });

  // Typing searches after a short pause; Enter searches at once.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.search === searchText ? f : { ...f, search: searchText })), 350);
    return () => clearTimeout(timer);
  }, [searchText]);

  useEffect(() => {
    setCursors([null]);
    const params = new URLSearchParams();
    if (filters.search.trim()) params.set('q', filters.search.trim());
    if (filters.categoryId) params.set('category', String(filters.categoryId));
    if (filters.mine) params.set('mine', '1');
    const qs = params.toString();
    history.replaceState(null, '', `/projects${qs ? `?${qs}` : ''}`);
  }, [filters]);

  return (
    <Page
      title="Projects"
      actions={
        me && (
          <Link class="button primary" href="/projects/new">
            New project
          </Link>
        )
      }
    >
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters((f) => ({ ...f, search: searchText }));
        }}
      >
        <label>
          Search
          <input type="search" name="q" placeholder="Words in name or description" value={searchText} onInput={(e) => setSearchText(e.currentTarget.value)} />
        </label>
        <label>
          Category
          <select
            name="category"
            value={filters.categoryId ?? ''}
            onChange={(e) => setFilters((f) => ({ ...f, categoryId: e.currentTarget.value ? Number(e.currentTarget.value) : null }))}
          >
            <option value="">All categories</option>
            {categories.data?.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {me && (
          <label class="inline">
            <input type="checkbox" checked={filters.mine} onChange={(e) => setFilters((f) => ({ ...f, mine: e.currentTarget.checked }))} />
            Only my projects
          </label>
        )}
        <button type="submit">Search</button>
      </form>
      <ErrorNote error={categories.error} title="The categories could not be loaded." />
      {cursors.map((after, index) => (
        <ProjectsChunk
          key={`${JSON.stringify(filters)}:${after ?? ''}`}
          filters={filters}
          after={after}
          isLast={index === cursors.length - 1}
          onMore={(cursor) => setCursors((c) => [...c, cursor])}
        />
      ))}
    </Page>
  );
}
