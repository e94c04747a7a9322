// Registration does not tell whether an email is registered: a self-registration with an email
// some account already has answers exactly as one with a new email (status, body shape, SQL
// statements, and the password is hashed either way); the new account is made without the email.
// Names stay unique and public (PYBOSSA lists them), so a taken name is still a CONFLICT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let demo: DemoSession;
beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
});
afterAll(async () => t?.close());

const REGISTER = `mutation($name: String!, $email: String!) {
  createUser(input: { name: $name, email: $email, password: "registered-password", fullname: "New Person" }) {
    id name locale fullname created emailAddr apiKey admin privacyMode
  }
}`;

async function register(name: string, email: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const r = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query: REGISTER, variables: { name, email } }) });
  const ms = performance.now() - started;
  return { status: r.statusCode, body: r.json(), statements: r.headers['x-sql-statements'], ms };
}

/** The answer with the values that always differ (the new id and the chosen name) blanked. */
const shapeOf = (answer: Awaited<ReturnType<typeof register>>) =>
  JSON.stringify({ status: answer.status, statements: answer.statements, body: answer.body }).replace(/"id":\d+/g, '"id":0').replace(/"name":"[^"]*"/g, '"name":""');

describe('registration with an email that is taken', () => {
  it('answers as with a new email: same status, same body, same statements', async () => {
    const fresh = await register('newcomer1', 'newcomer1@example.org');
    const taken = await register('newcomer2', 'alice@example.com');
    const takenOtherCase = await register('newcomer3', 'ALICE@Example.COM');
    expect(fresh.body.errors).toBeUndefined();
    expect(shapeOf(taken)).toBe(shapeOf(fresh));
    expect(shapeOf(takenOtherCase)).toBe(shapeOf(fresh));
    expect(fresh.body.data.createUser).toMatchObject({ name: 'newcomer1', emailAddr: null, apiKey: null });
  });

  it('takes as long: the password is hashed either way', async () => {
    const fresh: number[] = [];
    const taken: number[] = [];
    for (let i = 0; i < 5; i++) {
      fresh.push((await register(`timing-fresh-${i}`, `timing-fresh-${i}@example.org`)).ms);
      taken.push((await register(`timing-taken-${i}`, 'bob@example.com')).ms);
    }
    // scrypt dominates both: skipping it would make the taken path several times faster.
    expect(Math.min(...taken)).toBeGreaterThan(Math.min(...fresh) * 0.5);
  });

  it('makes the account without the email: it signs in by name; the email stays with its owner', async () => {
    await register('second-alice', 'alice@example.com');
    const login = await t.gql<{ login: { token: string; user: { emailAddr: string | null } } }>(
      'mutation { login(nameOrEmail: "second-alice", password: "registered-password") { token user { emailAddr } } }',
    );
    expect(login.data?.login.user.emailAddr).toBeNull();
    const byEmail = await t.gql<{ login: { user: { name: string } } }>('mutation { login(nameOrEmail: "alice@example.com", password: "alice-password") { user { name } } }');
    expect(byEmail.data?.login.user.name).toBe('alice');
  });

  it('still refuses a taken name (names are public), and tells administrators about a taken email', async () => {
    const name = await register('alice', 'someone-else@example.org');
    expect(name.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'name', message: 'already taken' }] });
    const admin = await register('admin-made', 'bob@example.com', demo.as('admin'));
    expect(admin.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'email', message: 'already taken' }] });
  });
});

describe('changing your email to one that is taken', () => {
  it('is refused as before, but counts as a guess: an account cannot test addresses past the limit', async () => {
    const limited = await startTestApp({ CREDENTIAL_GUESSES_PER_TARGET: '3' });
    try {
      const session = await seedAndSignIn(limited);
      const change = async (email: string) => {
        const r = await limited.gql('mutation($id: Int!, $e: String!) { updateUser(id: $id, input: { email: $e, currentPassword: "bob-password" }) { id } }', { id: session.ids.bob, e: email }, session.as('bob'));
        return r.errors?.[0]?.extensions?.code ?? 'ok';
      };
      expect([await change('alice@example.com'), await change('carol@example.com'), await change('admin@example.com'), await change('nobody@example.org')]).toEqual([
        'CONFLICT',
        'CONFLICT',
        'CONFLICT',
        'RATE_LIMITED',
      ]);
      // Another account from the same address is not held back.
      expect(await (async () => {
        const r = await limited.gql('mutation($id: Int!) { updateUser(id: $id, input: { email: "carol2@example.org", currentPassword: "carol-password" }) { id } }', { id: session.ids.carol }, session.as('carol'));
        return r.errors?.[0]?.extensions?.code ?? 'ok';
      })()).toBe('ok');
    } finally {
      await limited.close();
    }
  }, 120_000);
});
