// A small GraphQL-over-HTTP client for tests: real fetch against the real server, keeping
// the session cookie like a browser would.
export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
    /** What the operation cost and the budget left (http/usage.ts). */
    extensions?: Record<string, unknown>;
  };
}

export class TestClient {
  readonly url: string;
  cookie: string | undefined;
  token: string | undefined;
  extraHeaders: Record<string, string> = {};

  constructor(baseUrl: string) {
    this.url = `${baseUrl}/graphql`;
  }

  withToken(token: string): TestClient {
    const client = new TestClient(this.url.replace(/\/graphql$/, ''));
    client.token = token;
    return client;
  }

  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    init: { headers?: Record<string, string> } = {},
  ): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-shishin-csrf': '1',
      ...this.extraHeaders,
      ...(init.headers ?? {}),
    };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    this.keepCookie(response.headers);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text) };
  }

  private keepCookie(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (name !== 'shishin_session') continue;
      this.cookie = value ? `shishin_session=${value}` : undefined;
    }
  }

  async signIn(email: string, password: string) {
    const response = await this.request<{ signIn: { __typename: string; code?: string } }>(
      `mutation SignIn($input: SignInInput!) {
        signIn(input: $input) { __typename ... on SignInPayload { expiresAt } ... on Error { code message } }
      }`,
      { input: { email, password } },
    );
    return response;
  }
}

/** Data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.body.errors?.length || !response.body.data) {
    throw new Error(`GraphQL errors (HTTP ${response.status}): ${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data;
}

export function errorCodes(response: GraphQLResponse<unknown>): string[] {
  return (response.body.errors ?? []).map((e) => String(e.extensions?.code));
}

/** The Relay global id of a row, as the API returns it in `id` fields. */
export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

/** The database id inside a Relay global id. */
export function rowId(globalIdValue: string): string {
  return Buffer.from(globalIdValue, 'base64').toString().split(':').slice(1).join(':');
}
