// One version of the guideline. While a draft's comment period is open, anyone may send a
// comment on it (held for moderation); once comments are published, the version shows them
// with the city's responses.
import { error, fail } from '@sveltejs/kit';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute, GraphQLRequestError } from '$lib/server/graphql';
import { GuidelineVersionPage, SubmitPublicComment } from '$lib/server/queries/guideline';
import type { Actions, PageServerLoad } from './$types';

// Public pages stay within the JavaScript budget (≤ 50 KB gzipped; a hydrated page here
// ships about 55–60 KB), so this one is rendered on the server only: the comment form is a
// plain HTML form that works the same with or without JavaScript.
export const csr = false;

const BODY_MAX = 4_000;
const NAME_MAX = 100;
const EMAIL_MAX = 254;

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const data = await execute(event, GuidelineVersionPage, {
      code: event.params.code,
      after: event.url.searchParams.get('after'),
    });
    if (!data.guidelineVersion) error(404, { message: 'Not found', reason: 'not-found' });
    const { publicComments, ...version } = data.guidelineVersion;
    return {
      version,
      comments: publicComments.edges.map((e) => e.node),
      commentsNext: publicComments.pageInfo.hasNextPage ? publicComments.pageInfo.endCursor : null,
      commentsPaged: event.url.searchParams.has('after'),
      wards: data.wards.edges.map((e) => e.node),
      versions: data.guidelineVersions.edges.map((e) => e.node),
      chosenSection: event.url.searchParams.get('section'),
      bodyMax: BODY_MAX,
    };
  });

type FieldError = { code: 'required' } | { code: 'tooLong'; length: number } | { code: 'invalid' };

export const actions: Actions = {
  send: async (event) => {
    const form = await event.request.formData();
    const text = (key: string) => String(form.get(key) ?? '').trim();
    const values = {
      section: text('section'),
      body: String(form.get('body') ?? '')
        .replace(/\r\n/g, '\n')
        .trim(),
      name: text('name'),
      email: text('email'),
      ward: text('ward'),
    };
    const errors: { body?: FieldError; name?: FieldError; email?: FieldError } = {};
    if (!values.body) errors.body = { code: 'required' };
    else if (values.body.length > BODY_MAX) errors.body = { code: 'tooLong', length: values.body.length };
    if (values.name.length > NAME_MAX) errors.name = { code: 'tooLong', length: values.name.length };
    if (values.email && (values.email.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email))) {
      errors.email = { code: 'invalid' };
    }
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });

    try {
      const { submitPublicComment } = await execute(event, SubmitPublicComment, {
        input: {
          versionId: text('versionId'),
          guidelineSectionId: values.section || null,
          body: values.body,
          name: values.name || null,
          email: values.email || null,
          wardId: values.ward || null,
        },
      });
      return { received: submitPublicComment };
    } catch (cause) {
      if (cause instanceof GraphQLRequestError) {
        // The API words these in the page's language, with the time one may send again.
        const message = cause.errors[0]?.message ?? cause.message;
        if (cause.code === 'RATE_LIMITED') return fail(429, { values, rateLimited: message });
        if (cause.code === 'INVALID_STATE') return fail(409, { values, notOpen: message });
        if (cause.code === 'BAD_USER_INPUT') return fail(400, { values, apiMessage: message });
      }
      pageForApiError(event, cause);
    }
  },
};
