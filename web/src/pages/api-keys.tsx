import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { useClient, useMutation } from '@urql/preact';
import type { CombinedError } from '@urql/core';
import type { ApiKeyUsersQuery } from '../gql/graphql.ts';
import { graphql } from '../gql/index.ts';
import { ErrorNote } from '../errors.tsx';
import { isStaff } from '../session.tsx';
import { Empty, formatDateTime, Guard, Loading, Notice, Page } from '../ui.tsx';

const USERS_PER_PAGE = 100;
/** Enough for a large class; the table says when more exist. */
const MAX_PAGES = 50;

const ApiKeyUsersDocument = graphql(`
  query ApiKeyUsers($limit: Int!, $lastId: Int) {
    users(all: true, limit: $limit, lastId: $lastId) {
      id
      name
      fullname
      admin
      active
      raceApiKey
      apiSecret {
        expiresAt
        expired
        oneTime
        used
      }
      buggyUploadedAt
    }
  }
`);

const GenerateApiKeysDocument = graphql(`
  mutation GenerateApiKeys($usernames: [String!]!) {
    generateApiKeys(usernames: $usernames) {
      id
      name
      raceApiKey
    }
  }
`);

const ClearApiKeysDocument = graphql(`
  mutation ClearApiKeys($usernames: [String!]!) {
    clearApiKeys(usernames: $usernames) {
      id
      name
      raceApiKey
    }
  }
`);

function secretText(secret: { expiresAt?: string | null; expired: boolean; oneTime: boolean; used: boolean } | null | undefined): string {
  if (!secret) return 'not set';
  if (secret.used) return 'one-time, used';
  if (secret.expired) return 'expired';
  return `${secret.oneTime ? 'one-time, ' : ''}until ${formatDateTime(secret.expiresAt)}`;
}

type UserRow = ApiKeyUsersQuery['users'][number];

/** Every user, read page by page through the keyset cursor (lastId). */
function useAllUsers(): { users: UserRow[] | null; error: CombinedError | null; more: boolean; reload(): void } {
  const client = useClient();
  const [state, setState] = useState<{ users: UserRow[] | null; error: CombinedError | null; more: boolean }>({ users: null, error: null, more: false });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const users: UserRow[] = [];
      let lastId: number | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await client.query(ApiKeyUsersDocument, { limit: USERS_PER_PAGE, lastId }, { requestPolicy: 'network-only' }).toPromise();
        if (cancelled) return;
        if (answer.error || !answer.data) {
          setState({ users: users.length ? users : null, error: answer.error ?? null, more: false });
          return;
        }
        users.push(...answer.data.users);
        if (answer.data.users.length < USERS_PER_PAGE) {
          setState({ users, error: null, more: false });
          return;
        }
        lastId = answer.data.users[answer.data.users.length - 1]!.id;
      }
      setState({ users, error: null, more: true });
    })();
    return () => {
      cancelled = true;
    };
  }, [client, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

function ApiKeysTable() {
  const result = useAllUsers();
  const [generated, generate] = useMutation(GenerateApiKeysDocument);
  const [cleared, clear] = useMutation(ClearApiKeysDocument);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);

  const shown = useMemo(() => {
    const users = result.users ?? [];
    const words = search.trim().toLowerCase();
    const matching = words ? users.filter((u) => u.name.toLowerCase().includes(words) || (u.fullname ?? '').toLowerCase().includes(words)) : users;
    return [...matching].sort((a, b) => a.name.localeCompare(b.name));
  }, [result.users, search]);

  if (result.error && !result.users) return <ErrorNote error={result.error} title="The users could not be loaded." />;
  if (!result.users) return <Loading what="Loading users" />;
  const users = result.users;

  const toggle = (name: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  const allShownSelected = shown.length > 0 && shown.every((u) => selected.has(u.name));
  const act = async (kind: 'generate' | 'clear') => {
    const usernames = [...selected];
    setDone(null);
    const answer = kind === 'generate' ? await generate({ usernames }) : await clear({ usernames });
    if (!answer.error) {
      setDone(
        kind === 'generate'
          ? `New API keys for ${usernames.length} user${usernames.length === 1 ? '' : 's'}: ${usernames.join(', ')}.`
          : `API keys cleared for ${usernames.join(', ')}.`,
      );
      setSelected(new Set());
      result.reload();
    }
  };

  return (
    <>
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search users
          <input type="search" name="search" placeholder="Name or full name" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <button type="button" class="primary" disabled={selected.size === 0 || generated.fetching} onClick={() => act('generate')}>
          Generate API keys ({selected.size})
        </button>
        <button type="button" class="danger" disabled={selected.size === 0 || cleared.fetching} onClick={() => act('clear')}>
          Clear API keys ({selected.size})
        </button>
      </form>
      <p class="hint">Issue keys only to users who ask for one. Each key is 16 upper-case hexadecimal characters; the user then sets their own secret.</p>
      {done && <Notice kind="ok">{done}</Notice>}
      <ErrorNote error={generated.error ?? cleared.error} title="Nothing was changed." />
      {shown.length === 0 ? (
        <Empty>{users.length === 0 ? 'There are no users yet.' : `No user matches “${search}”.`}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table" aria-label="Users and their API keys">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select every user shown"
                    checked={allShownSelected}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setSelected((s) => {
                        const next = new Set(s);
                        for (const u of shown) {
                          if (on) next.add(u.name);
                          else next.delete(u.name);
                        }
                        return next;
                      });
                    }}
                  />
                </th>
                <th scope="col">User</th>
                <th scope="col">API key</th>
                <th scope="col">Secret</th>
                <th scope="col">Last upload</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={u.id} class={selected.has(u.name) ? 'selected' : undefined}>
                  <td>
                    <input type="checkbox" aria-label={`Select ${u.name}`} checked={selected.has(u.name)} onChange={(e) => toggle(u.name, e.currentTarget.checked)} />
                  </td>
                  <td>
                    <strong>{u.name}</strong>
                    {u.fullname && <span class="muted"> {u.fullname}</span>}
                    {u.admin && <span class="badge">staff</span>}
                    {u.active === false && <span class="badge">inactive</span>}
                  </td>
                  <td>
                    {u.raceApiKey ? <code data-testid={`key-${u.name}`}>{u.raceApiKey}</code> : <span class="muted">none</span>}
                  </td>
                  <td>{secretText(u.apiSecret)}</td>
                  <td>{formatDateTime(u.buggyUploadedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.more && <Notice kind="warn">Only the first {users.length} users are listed.</Notice>}
    </>
  );
}

export function ApiKeysPage() {
  return (
    <Page title="API keys">
      <Guard allowed={isStaff} need="staff (administrators)">
        <ApiKeysTable />
      </Guard>
    </Page>
  );
}
