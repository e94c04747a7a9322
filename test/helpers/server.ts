// A Gantry listening on an ephemeral port of 127.0.0.1 (for real HTTP clients such as a browser),
// on its own embedded in-memory database.
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from './app.ts';

export interface TestServer extends TestApp {
  /** http://127.0.0.1:<port> */
  url: string;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const testApp = await startTestApp(env);
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = testApp.app.server.address() as AddressInfo;
  return { ...testApp, url: `http://127.0.0.1:${port}` };
}
