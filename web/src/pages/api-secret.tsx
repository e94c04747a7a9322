import { useState } from 'preact/hooks';
import { useMutation, useQuery } from '@urql/preact';
import { graphql } from '../gql/index.ts';
import { ErrorNote } from '../errors.tsx';
import { Link } from '../router.tsx';
import { formatDateTime, formatDuration, Guard, Loading, Notice, Page } from '../ui.tsx';
import { ApiKeyCard } from './rotate-secrets.tsx';

const MyApiSecretDocument = graphql(`
  query MyApiSecret {
    me {
      id
      name
      raceApiKey
      apiSecret {
        setAt
        expiresAt
        oneTime
        used
        expired
      }
    }
    settings {
      apiSecretTimeToLive
      isApiSecretOneTimePw
      isStudentApiOtpAllowed
      taskNameForApi
    }
  }
`);

const SetApiSecretDocument = graphql(`
  mutation SetApiSecret($secret: String!, $oneTime: Boolean) {
    setApiSecret(secret: $secret, oneTime: $oneTime) {
      setAt
      expiresAt
      oneTime
      used
      expired
    }
  }
`);

export const SECRET_MIN = 4;
export const SECRET_MAX = 64;

interface Rule {
  id: string;
  text: string;
  /** true: met, false: broken, null: checked by the server when saving. */
  met: boolean | null;
}

export function secretRules(secret: string, lastSetHere: string | null): Rule[] {
  return [
    { id: 'length', text: `${SECRET_MIN} to ${SECRET_MAX} characters (now ${secret.length})`, met: secret.length >= SECRET_MIN && secret.length <= SECRET_MAX },
    { id: 'spaces', text: 'no spaces', met: secret.length > 0 && !/\s/.test(secret) },
    {
      id: 'different',
      text: 'different from your current secret',
      met: lastSetHere !== null && secret === lastSetHere ? false : null,
    },
  ];
}

function SecretForm() {
  const [result, refetch] = useQuery({ query: MyApiSecretDocument });
  const [saved, save] = useMutation(SetApiSecretDocument);
  const [secret, setSecret] = useState('');
  const [show, setShow] = useState(false);
  const [oneTime, setOneTime] = useState<'' | '1'>('');
  const [lastSetHere, setLastSetHere] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (result.error && !result.data) return <ErrorNote error={result.error} title="Your API details could not be loaded." />;
  if (!result.data?.me) return <Loading what="Loading your API details" />;
  const { me, settings } = result.data;
  const rules = secretRules(secret, lastSetHere);
  const ready = rules.every((r) => r.met !== false);
  const status = me.apiSecret;

  const submit = async (event: Event) => {
    event.preventDefault();
    setMessage(null);
    if (!ready) return;
    const answer = await save({ secret, oneTime: settings.isStudentApiOtpAllowed ? oneTime === '1' : undefined });
    if (answer.data) {
      const s = answer.data.setApiSecret;
      setLastSetHere(secret);
      setSecret('');
      setMessage(
        `Your API secret is set${s.oneTime ? ' as a one-time secret (it works for one upload)' : ''}. It is good for about ${formatDuration(settings.apiSecretTimeToLive)} from now, until ${formatDateTime(s.expiresAt)}.`,
      );
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <>
      <div class="card">
        <h2>Your race-server credentials</h2>
        <dl class="info">
          <div>
            <dt>User name</dt>
            <dd>
              <code>{me.name}</code>
            </dd>
          </div>
          <div>
            <dt>API key</dt>
            <dd>{me.raceApiKey ? <code>{me.raceApiKey}</code> : <span>none yet: ask staff for a key</span>}</dd>
          </div>
          <div>
            <dt>API secret</dt>
            <dd data-testid="secret-status">
              {!status
                ? 'not set'
                : status.used
                  ? `one-time secret, already used (set ${formatDateTime(status.setAt)}): set a new one`
                  : status.expired
                    ? `expired at ${formatDateTime(status.expiresAt)}: set a new one`
                    : `${status.oneTime ? 'one-time, ' : ''}expires ${formatDateTime(status.expiresAt)}`}
            </dd>
          </div>
        </dl>
      </div>
      <form class="card form" onSubmit={submit} aria-labelledby="secret-title">
        <h2 id="secret-title">Set your API secret</h2>
        <p class="hint">
          Your program sends it with your user name and API key to <code>/api/upload</code>. It is stored hashed and never shown again; a secret works for{' '}
          {formatDuration(settings.apiSecretTimeToLive)} after you set it.
        </p>
        {message && <Notice kind="ok">{message}</Notice>}
        <ErrorNote error={saved.error} title="The secret was not set." />
        <label>
          New API secret
          <input
            name="secret"
            type={(show ? 'text' : 'password') as 'text'}
            autoComplete="new-password"
            spellcheck={false}
            value={secret}
            maxLength={SECRET_MAX + 10}
            aria-describedby="secret-rules"
            aria-invalid={secret.length > 0 && !ready ? 'true' : undefined}
            onInput={(e) => setSecret(e.currentTarget.value)}
          />
        </label>
        <label class="inline">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.currentTarget.checked)} /> Show what I type
        </label>
        <ul id="secret-rules" class="rules" aria-live="polite" aria-label="Rules for the secret">
          {rules.map((rule) => (
            <li key={rule.id} class={rule.met === null ? 'rule-later' : rule.met ? 'rule-ok' : 'rule-bad'} data-rule={rule.id}>
              <span aria-hidden="true">{rule.met === null ? '•' : rule.met ? '✓' : '✗'}</span> {rule.text}
              {rule.met === null && <span class="muted"> (checked when you save)</span>}
              <span class="sr-only">{rule.met === null ? '' : rule.met ? ': met' : ': not met'}</span>
            </li>
          ))}
        </ul>
        {settings.isStudentApiOtpAllowed ? (
          <label>
            One-time secret?
            <select name="oneTime" value={oneTime} onChange={(e) => setOneTime(e.currentTarget.value as '' | '1')}>
              <option value="">No: it works until it expires</option>
              <option value="1">Yes: it works for one upload only</option>
            </select>
          </label>
        ) : (
          <p class="hint">
            {settings.isApiSecretOneTimePw ? 'Secrets are one-time passwords here: each works for one upload.' : 'Secrets work for any number of uploads until they expire.'}
          </p>
        )}
        <button type="submit" class="primary" disabled={!ready || saved.fetching}>
          Set API secret
        </button>
      </form>
      {settings.taskNameForApi && <p class="hint">This belongs to the task {settings.taskNameForApi.split(',').map((t) => t.trim()).join(', ')}.</p>}
      <p>
        <Link href="/buggy">See your buggy</Link>
      </p>
    </>
  );
}

export function ApiSecretPage() {
  return (
    <Page title="My API secret">
      <Guard>
        <SecretForm />
        <ApiKeyCard />
      </Guard>
    </Page>
  );
}
