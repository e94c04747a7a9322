import { useEffect, useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { ErrorNote } from '../errors.tsx';
import { Link } from '../router.tsx';
import { isStaff } from '../session.tsx';
import { Guard, Loading, Page } from '../ui.tsx';

const ApiTestMeDocument = graphql(`
  query ApiTestMe {
    me {
      id
      name
      raceApiKey
    }
  }
`);

const MyKeyGenerateDocument = graphql(`
  mutation GenerateMyApiKey($usernames: [String!]!) {
    generateApiKeys(usernames: $usernames) {
      id
      raceApiKey
    }
  }
`);

const MyKeyClearDocument = graphql(`
  mutation ClearMyApiKey($usernames: [String!]!) {
    clearApiKeys(usernames: $usernames) {
      id
      raceApiKey
    }
  }
`);

interface RawAnswer {
  statusLine: string;
  headers: [string, string][];
  body: string;
}

const SHOWN_HEADERS = ['content-type', 'content-length', 'access-control-allow-origin'];

function TestForm() {
  const [result] = useQuery({ query: ApiTestMeDocument });
  const [generated, generate] = useMutation(MyKeyGenerateDocument);
  const [cleared, clear] = useMutation(MyKeyClearDocument);
  const me = result.data?.me;
  const [user, setUser] = useState('');
  const [key, setKey] = useState('');
  const [secret, setSecret] = useState('');
  const [buggyJson, setBuggyJson] = useState(() => JSON.stringify({ qty_wheels: 1 + Math.floor(Math.random() * 100) }));
  const [answer, setAnswer] = useState<RawAnswer | null>(null);
  const [sending, setSending] = useState(false);
  const [networkError, setNetworkError] = useState<Error | null>(null);

  useEffect(() => {
    if (me) {
      setUser((u) => u || me.name);
      setKey(me.raceApiKey ?? '');
    }
  }, [me?.name, me?.raceApiKey]);

  if (result.error && !result.data) return <ErrorNote error={result.error} title="Your details could not be loaded." />;
  if (!me) return <Loading what="Loading your details" />;
  const someoneElse = user.trim() !== '' && user.trim() !== me.name;

  const submit = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    setNetworkError(null);
    try {
      // Exactly what a student's program sends: a form POST, no session, no token.
      const response = await fetch('/api/upload', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user, key, secret, buggy_json: buggyJson }),
        credentials: 'omit',
      });
      const body = await response.text();
      setAnswer({
        statusLine: `HTTP ${response.status} ${response.statusText}`.trim(),
        headers: SHOWN_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!] as [string, string]] : [])),
        body,
      });
    } catch (error) {
      setAnswer(null);
      setNetworkError(error as Error);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <form class="card form" method="post" action="/api/upload" onSubmit={submit} aria-labelledby="test-title">
        <h2 id="test-title">POST /api/upload</h2>
        <label>
          user
          <input name="user" value={user} autoComplete="off" onInput={(e) => setUser(e.currentTarget.value)} />
        </label>
        <label>
          key
          <input name="key" value={key} autoComplete="off" spellcheck={false} onInput={(e) => setKey(e.currentTarget.value)} />
        </label>
        <label>
          secret
          <input name="secret" value={secret} autoComplete="off" spellcheck={false} onInput={(e) => setSecret(e.currentTarget.value)} />
        </label>
        <p class="hint">
          Secrets are stored hashed, so this page cannot fill yours in: type the secret you set on{' '}
          {someoneElse ? (
            <span class="disabled-link" aria-disabled="true" title="The user box holds someone else">
              My API secret
            </span>
          ) : (
            <Link href="/api-secret">My API secret</Link>
          )}
          .
        </p>
        <label>
          buggy_json
          <textarea name="buggy_json" rows={5} spellcheck={false} value={buggyJson} onInput={(e) => setBuggyJson(e.currentTarget.value)} />
        </label>
        <p class="warning" role="note">
          Careful: an upload replaces the whole buggy. Every setting left out of buggy_json goes back to its default.
        </p>
        <div class="row">
          <button type="submit" class="primary" disabled={sending}>
            {sending ? 'Sending…' : 'Send request'}
          </button>
        </div>
      </form>
      {networkError && (
        <div class="note note-error" role="alert">
          The request did not reach the server: {networkError.message}
        </div>
      )}
      {answer && (
        <section class="card" aria-labelledby="answer-title">
          <h2 id="answer-title">Raw answer</h2>
          <pre class="raw" data-testid="raw-answer">
            {answer.statusLine}
            {'\n'}
            {answer.headers.map(([name, value]) => `${name}: ${value}\n`).join('')}
            {'\n'}
            {answer.body}
          </pre>
          <p class="hint">A 200 answer is not always a success: read the body for "ok" or "error".</p>
        </section>
      )}
      <section class="card" aria-labelledby="own-key-title">
        <h2 id="own-key-title">Your own API key</h2>
        <p>{me.raceApiKey ? <code>{me.raceApiKey}</code> : 'You have no API key.'}</p>
        <ErrorNote error={generated.error ?? cleared.error} title="Your key was not changed." />
        <div class="row">
          <button type="button" onClick={() => generate({ usernames: [me.name] })} disabled={generated.fetching}>
            Generate my API key
          </button>
          <button type="button" class="danger" onClick={() => clear({ usernames: [me.name] })} disabled={!me.raceApiKey || cleared.fetching}>
            Clear my API key
          </button>
        </div>
      </section>
    </>
  );
}

export function ApiTestPage() {
  return (
    <Page title="API test">
      <Guard allowed={isStaff} need="staff (administrators)">
        <TestForm />
      </Guard>
    </Page>
  );
}
