// Runs what a visitor reaches in production, for the browser tests: the real API (its own
// test harness: a fresh embedded database seeded with the guideline and the marked sample data,
// whose accounts sign in with the test password) with this app's built
// adapter-node handler mounted on it — one process, one URL, as `pnpm start` runs it.
//
// With SHISHIN_API_URL set, no API is started: the app alone is served and calls that URL
// (a running API, or a dead port to test the error page).
//
// Run as `node --import tsx test/support/serve.ts`; prints one JSON line {"url": …} when ready
// and stops on SIGTERM.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** What this uses of api/src/test/server.ts; imported by URL so web's type check stays out of api/. */
interface ApiTestHarness {
  startTestPlatform(options: {
    webHandler: WebHandler;
    sample?: boolean;
    production?: boolean;
    trustedDocuments?: unknown;
  }): Promise<{ url: string; close(): Promise<void> }>;
}

interface TrustedDocumentsModule {
  loadTrustedDocuments(path: string, enforceForBrowsers: boolean): unknown;
}

const handlerUrl = new URL('../../build/handler.js', import.meta.url);
const apiHarnessUrl = new URL('../../../api/src/test/server.ts', import.meta.url);
const trustedDocumentsUrl = new URL('../../../api/src/http/trusted-documents.ts', import.meta.url);
const manifestPath = new URL('../../build/trusted-documents.json', import.meta.url).pathname;

async function main(): Promise<void> {
  // The handler reads SHISHIN_API_URL per request, so it may be set after the API has a port.
  // As api/src/main.ts does: the API tells the app each request's protocol in this header.
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  const { handler } = (await import(handlerUrl.href)) as { handler: WebHandler };
  let url: string;
  let close: () => Promise<void>;

  if (process.env.SHISHIN_API_URL) {
    const server = createServer((req, res) => {
      req.headers['x-forwarded-proto'] = 'http';
      handler(req, res, () => {
        res.statusCode = 404;
        res.end('not found');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  } else {
    const { startTestPlatform } = (await import(apiHarnessUrl.href)) as ApiTestHarness;
    // SHISHIN_TRUSTED_DOCUMENTS=browsers, as a deployment may set it: browsers may send only the
    // documents the build listed (build/trusted-documents.json).
    const { loadTrustedDocuments } = (await import(trustedDocumentsUrl.href)) as TrustedDocumentsModule;
    const platform = await startTestPlatform({
      webHandler: handler,
      sample: true,
      production: true,
      trustedDocuments: loadTrustedDocuments(manifestPath, process.env.SHISHIN_TRUSTED_DOCUMENTS === 'browsers'),
    });
    process.env.SHISHIN_API_URL = `${platform.url}/graphql`;
    url = platform.url;
    close = () => platform.close();
  }

  process.stdout.write(`${JSON.stringify({ url })}\n`);
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
