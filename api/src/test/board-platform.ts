// What the board test files share: one platform for the file, signed-in clients, and Yjs
// clients on its board socket, every one of them closed with the platform after the tests.
import { afterAll, beforeAll } from 'vitest';
import { connectBoard, type BoardClient } from './board-client.ts';
import { dataOf, TestClient } from './client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from './server.ts';

export interface BoardTestPlatform {
  /** The running platform (from the file's beforeAll on). */
  readonly platform: TestPlatform;
  /** A client signed in as this sample account. */
  signedIn(email: string): Promise<TestClient>;
  /** A board client on `documentName` with `who`'s session, closed after the file's tests. */
  connect(documentName: string, who: TestClient): BoardClient;
}

/** Call once at the top of a test file: registers its beforeAll and afterAll. */
export function useBoardPlatform(): BoardTestPlatform {
  let platform: TestPlatform | undefined;
  const open: BoardClient[] = [];
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => {
    for (const client of open) client.destroy();
    await platform?.close();
  });
  const running = (): TestPlatform => {
    if (!platform) throw new Error('the board test platform is used before beforeAll ran');
    return platform;
  };
  return {
    get platform() {
      return running();
    },
    async signedIn(email) {
      const client = new TestClient(running().url);
      dataOf(await client.signIn(email, TEST_PASSWORD));
      return client;
    },
    connect(documentName, who) {
      const client = connectBoard(running().url, documentName, { cookie: who.cookie });
      open.push(client);
      return client;
    },
  };
}
