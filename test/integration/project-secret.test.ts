// A project's secret key mints PYBOSSA external-uid tokens. Owners rotate it (rotateProjectSecret);
// tokens made with the old key stop working at once, and a co-owner who is removed loses what they
// read: removing an owner rotates the key.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let demo: DemoSession;
let projectId: number;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
  const created = await t.app.inject({ method: 'POST', url: `/api/project?api_key=${demo.apiKeys.alice}`, payload: { name: 'Secretive', short_name: 'secretive', description: 'd' } });
  projectId = created.json().id;
  await t.app.inject({ method: 'POST', url: `/api/task?api_key=${demo.apiKeys.alice}`, payload: { project_id: projectId, info: {} } });
  // Drafts serve their owners only: published, the project serves its partner's external users.
  await t.gql(`mutation { publishProject(id: ${projectId}) { id } }`, {}, demo.as('alice'));
});
afterAll(async () => t?.close());

const secretSeenBy = async (name: string) =>
  (await t.gql<{ project: { secretKey: string | null } }>('query($id: Int!) { project(id: $id) { secretKey } }', { id: projectId }, demo.as(name))).data?.project?.secretKey ?? null;
const mint = async (secret: string) => {
  const r = await t.app.inject({ url: '/api/auth/project/secretive/token', headers: { authorization: secret } });
  return r.statusCode === 200 ? r.body : null;
};
const works = async (token: string) => (await t.app.inject({ url: `/api/project/${projectId}/newtask?external_uid=partner`, headers: { authorization: `Bearer ${token}` } })).statusCode === 200;
const rotate = (name?: string) =>
  t.gql<{ rotateProjectSecret: { id: number; secretKey: string } }>('mutation($id: Int!) { rotateProjectSecret(projectId: $id) { id secretKey } }', { id: projectId }, name ? demo.as(name) : {});

describe('rotateProjectSecret', () => {
  it('gives the owner a new secret; tokens made with the old one stop working at once', async () => {
    const old = (await secretSeenBy('alice'))!;
    const oldToken = (await mint(old))!;
    expect(await works(oldToken)).toBe(true);
    const r = await rotate('alice');
    expect(r.errors).toBeUndefined();
    const fresh = r.data!.rotateProjectSecret.secretKey;
    expect(fresh).not.toBe(old);
    expect(await secretSeenBy('alice')).toBe(fresh);
    expect(await works(oldToken)).toBe(false);
    expect(await mint(old)).toBeNull();
    expect(await works((await mint(fresh))!)).toBe(true);
  });

  it('is for owners and administrators: others are refused and nothing changes', async () => {
    const before = await secretSeenBy('alice');
    expect((await rotate('bob')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await rotate()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await secretSeenBy('alice')).toBe(before);
    expect((await rotate('admin')).errors).toBeUndefined();
    const missing = await t.gql('mutation { rotateProjectSecret(projectId: 999999) { id } }', {}, demo.as('alice'));
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a removed co-owner loses what they held: the secret they read and the tokens they made', async () => {
    const add = await t.gql('mutation($id: Int!, $owners: [Int!]) { updateProject(id: $id, input: { ownersIds: $owners }) { ownersIds } }', { id: projectId, owners: [demo.ids.bob] }, demo.as('alice'));
    expect(add.errors).toBeUndefined();
    const heldByBob = (await secretSeenBy('bob'))!;
    expect(heldByBob).toMatch(/\S{16,}/);
    const bobsToken = (await mint(heldByBob))!;
    expect(await works(bobsToken)).toBe(true);
    // Sending the same owners back (as PYBOSSA clients do on PUT) keeps the secret.
    await t.gql('mutation($id: Int!, $owners: [Int!]) { updateProject(id: $id, input: { ownersIds: $owners }) { id } }', { id: projectId, owners: [demo.ids.bob] }, demo.as('alice'));
    expect(await secretSeenBy('alice')).toBe(heldByBob);
    const remove = await t.gql('mutation($id: Int!) { updateProject(id: $id, input: { ownersIds: [] }) { ownersIds } }', { id: projectId }, demo.as('alice'));
    expect(remove.errors).toBeUndefined();
    expect(await secretSeenBy('bob')).toBeNull();
    expect(await works(bobsToken)).toBe(false);
    expect(await mint(heldByBob)).toBeNull();
    const alices = (await secretSeenBy('alice'))!;
    expect(alices).not.toBe(heldByBob);
    expect(await works((await mint(alices))!)).toBe(true);
  });
});
