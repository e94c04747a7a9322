// Who is signed in: the session token (kept in localStorage), the urql client that sends it, and `me`.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { Provider, useQuery } from '@urql/preact';
import { graphql } from './gql/index.ts';
import type { MeQuery } from './gql/graphql.ts';

const TOKEN_KEY = 'gantry.token';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      name
      fullname
      admin
      countryAdminOf
    }
  }
`);

export type Me = NonNullable<MeQuery['me']>;

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function makeClient(token: string | null): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }),
  });
}

interface Session {
  token: string | null;
  me: Me | null;
  /** True until the first `me` answer arrived. */
  loading: boolean;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session>({
  token: null,
  me: null,
  loading: true,
  signIn: () => undefined,
  signOut: () => undefined,
});

export function useSession(): Session {
  return useContext(SessionContext);
}

function MeLoader({ token, children, signIn, signOut }: { token: string | null; children: ComponentChildren; signIn(t: string): void; signOut(): void }) {
  const [result] = useQuery({ query: MeDocument, requestPolicy: 'cache-and-network' });
  const unauthenticated = result.error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  useEffect(() => {
    // A token the server no longer accepts (expired, revoked, password changed) is dropped.
    if (token && (unauthenticated || (result.data && result.data.me === null))) signOut();
  }, [token, unauthenticated, result.data, signOut]);
  const session: Session = {
    token,
    me: result.data?.me ?? null,
    loading: result.fetching && !result.data,
    signIn,
    signOut,
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [token, setToken] = useState<string | null>(readToken);
  // A new client per token: nothing cached for one user is shown to the next.
  const client = useMemo(() => makeClient(token), [token]);
  const signIn = useCallback((next: string) => {
    try {
      localStorage.setItem(TOKEN_KEY, next);
    } catch {
      /* private mode: the session lasts until the tab closes */
    }
    setToken(next);
  }, []);
  const signOut = useCallback(() => {
    try {
      localStorage.removeItem(TOKEN_KEY);
    } catch {
      /* nothing stored */
    }
    setToken(null);
  }, []);
  return (
    <Provider value={client}>
      <MeLoader key={token ?? 'anonymous'} token={token} signIn={signIn} signOut={signOut}>
        {children}
      </MeLoader>
    </Provider>
  );
}

/** Staff pages of the race server: administrators. */
export const isStaff = (me: Me | null): boolean => Boolean(me?.admin);

/** Administrators, and federation admins of at least one country, keep calendars. */
export const mayCreateCompetitions = (me: Me | null): boolean => Boolean(me?.admin || me?.countryAdminOf?.length);
