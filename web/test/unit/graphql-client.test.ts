// The app's GraphQL client over real HTTP. The server here stands in for the API only to
// produce what the real one cannot be made to do on demand: hang, fail, answer garbage.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cookies } from '@sveltejs/kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineOperation, execute, GraphQLRequestError, type ApiCaller } from '../../src/lib/server/graphql';

type Respond = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let respond: Respond;
let seen: { headers: IncomingMessage['headers']; body: string }[] = [];
let server: Server;
const previousUrl = process.env.SHISHIN_API_URL;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      respond(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.SHISHIN_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterEach(() => {
  seen = [];
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (previousUrl === undefined) delete process.env.SHISHIN_API_URL;
  else process.env.SHISHIN_API_URL = previousUrl;
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const Greeting = defineOperation<{ greeting: string }, { name: string }>(
  'query Greeting($name: String!) { greeting(name: $name) }',
);

function caller(cookie?: string) {
  const set: { name: string; value: string; options: unknown }[] = [];
  const cookies = {
    set: (name: string, value: string, options: unknown) => set.push({ name, value, options }),
  } as unknown as Cookies;
  const request = new Request('http://app.test/', { headers: cookie ? { cookie } : {} });
  const value: ApiCaller = { request, cookies, locals: { locale: 'en' }, getClientAddress: () => '192.0.2.10' };
  return { value, set };
}

async function failure(promise: Promise<unknown>): Promise<GraphQLRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLRequestError);
  return error as GraphQLRequestError;
}

describe('GraphQL client', () => {
  it('sends the visitor’s cookie and address, the CSRF header, the page’s language and the variables', async () => {
    respond = (_req, res) => json(res, 200, { data: { greeting: 'hello' } });
    const data = await execute(caller('shishin_session=abc; lang=en').value, Greeting, { name: 'Asao' });
    expect(data.greeting).toBe('hello');
    const [request] = seen;
    expect(request?.headers.cookie).toBe('shishin_session=abc; lang=en');
    expect(request?.headers['x-shishin-csrf']).toBe('1');
    expect(request?.headers['accept-language']).toBe('en');
    expect(request?.headers['x-forwarded-for']).toBe('192.0.2.10');
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      operationName: 'Greeting',
      variables: { name: 'Asao' },
    });
  });

  it('passes cookies the API sets back to the browser', async () => {
    respond = (_req, res) =>
      json(res, 200, { data: { greeting: 'hi' } }, { 'set-cookie': ['shishin_session=; Path=/; HttpOnly; Max-Age=0'] });
    const { value, set } = caller('shishin_session=expired');
    await execute(value, Greeting, { name: 'x' });
    expect(set).toEqual([
      { name: 'shishin_session', value: '', options: { path: '/', httpOnly: true, secure: false, maxAge: 0 } },
    ]);
  });

  it('reports GraphQL errors with their code and both languages', async () => {
    const messages = { ja: 'サインインが必要です。', en: 'You need to sign in.' };
    respond = (_req, res) =>
      json(res, 200, {
        data: null,
        errors: [{ message: messages.en, extensions: { code: 'UNAUTHENTICATED', messages } }],
      });
    const error = await failure(execute(caller().value, Greeting, { name: 'x' }));
    expect(error.kind).toBe('graphql');
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.errors[0]?.extensions?.messages).toEqual(messages);
    expect(error.apiUnavailable).toBe(false);
  });

  it('tells an API that is down from one that refuses', async () => {
    respond = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    };
    const badGateway = await failure(execute(caller().value, Greeting, { name: 'x' }));
    expect(badGateway.kind).toBe('http');
    expect(badGateway.status).toBe(502);
    expect(badGateway.apiUnavailable).toBe(true);

    respond = (_req, res) => json(res, 200, { unexpected: true });
    const garbage = await failure(execute(caller().value, Greeting, { name: 'x' }));
    expect(garbage.kind).toBe('invalid-response');
    expect(garbage.apiUnavailable).toBe(true);
  });

  it('gives up after the deadline', async () => {
    respond = () => {}; // never answers
    const error = await failure(execute(caller().value, Greeting, { name: 'x' }, { timeoutMs: 200 }));
    expect(error.kind).toBe('timeout');
    expect(error.apiUnavailable).toBe(true);
  });

  it('reports an API that cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = process.env.SHISHIN_API_URL;
    process.env.SHISHIN_API_URL = `http://127.0.0.1:${port}/graphql`;
    try {
      const error = await failure(execute(caller().value, Greeting, { name: 'x' }));
      expect(error.kind).toBe('unreachable');
      expect(error.apiUnavailable).toBe(true);
    } finally {
      process.env.SHISHIN_API_URL = url;
    }
  });
});
