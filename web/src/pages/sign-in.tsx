import { useState } from 'preact/hooks';
import { useMutation } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { ErrorNote } from '../errors.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { Page } from '../ui.tsx';

const LoginDocument = graphql(`
  mutation Login($nameOrEmail: String!, $password: String!) {
    login(nameOrEmail: $nameOrEmail, password: $password) {
      token
      user {
        id
        name
      }
    }
  }
`);

/** Only same-site paths are followed after signing in. */
function safeNext(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/';
}

export function SignInPage() {
  const { me, signIn, signOut } = useSession();
  const { query } = useLocation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(LoginDocument);

  if (me) {
    return (
      <Page title="Signed in">
        <p>
          You are signed in as <strong>{me.name}</strong>. <Link href="/">Go to the start page</Link> or{' '}
          <button type="button" class="link-button" onClick={signOut}>
            sign out
          </button>
          .
        </p>
      </Page>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    const answer = await login({ nameOrEmail: name.trim(), password });
    if (answer.data) {
      signIn(answer.data.login.token);
      navigate(safeNext(query.get('next')), { replace: true });
    }
  };

  return (
    <Page title="Sign in">
      <form class="card form narrow" onSubmit={submit}>
        <ErrorNote error={result.error} title="Not signed in." />
        <label>
          Name or email
          <input name="nameOrEmail" autoComplete="username" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={result.fetching}>
          {result.fetching ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="hint">
          Demo accounts after <code>npm start</code>: admin, alice, bob and carol, each with the password <code>&lt;name&gt;-password</code>.
        </p>
      </form>
    </Page>
  );
}
