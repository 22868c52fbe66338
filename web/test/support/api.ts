// Talking to the running API from a test, as a person in another browser would: sign in
// as a sample account and send GraphQL with that session's cookie.
export const TEST_PASSWORD = 'test-password-1';

export interface ApiSession {
  cookie: string;
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export async function apiSession(appUrl: string, email: string): Promise<ApiSession> {
  const endpoint = `${appUrl}/graphql`;
  const send = async (query: string, variables: Record<string, unknown>, cookie?: string) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shishin-csrf': '1', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return { data: body.data, setCookie: response.headers.getSetCookie() };
  };
  const signIn = await send('mutation($input: SignInInput!) { signIn(input: $input) { __typename } }', {
    input: { email, password: TEST_PASSWORD },
  });
  const cookie = signIn.setCookie.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('shishin_session='));
  if (!cookie) throw new Error(`could not sign in as ${email}: ${JSON.stringify(signIn.data)}`);
  return {
    cookie,
    graphql: async <T>(query: string, variables: Record<string, unknown> = {}) =>
      (await send(query, variables, cookie)).data as T,
  };
}
