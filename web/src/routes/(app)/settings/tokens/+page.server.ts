// API tokens for reporting tools: list (a page at a time), create (the secret is in this one
// action result and nowhere else), revoke (after a confirmation step that works without
// JavaScript: ?revoke=<id> shows it, the `revoke` action does it).
import { fail } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute, GraphQLRequestError } from '$lib/server/graphql';
import { CreateApiToken, RevokeApiToken, ViewerApiTokens, type ApiTokenScope } from '$lib/server/queries/api-tokens';
import { membershipWard, type SessionViewer } from '$lib/server/queries/viewer';
import type { Actions, PageServerLoad } from './$types';

const EXPIRIES = { d30: 30, d90: 90, d365: 365, never: null } as const;
type Expiry = keyof typeof EXPIRIES;

/**
 * What the form offers, from the viewer's roles — the same rule the API enforces
 * (api/src/modules/user/user.policy.ts): READ_ALL for city-wide roles, READ_WARD for the
 * wards of the viewer's memberships. The API remains the judge; this only avoids offering
 * what it would refuse.
 */
function offer(viewer: SessionViewer) {
  const readsAll = viewer.memberships.some((m) => m.role === 'POLICY_ADMIN' || m.role === 'DIRECTOR');
  const wards = new Map<string, { id: string; code: string; name: string; nameEn: string }>();
  for (const membership of viewer.memberships) {
    const ward = membershipWard(membership);
    if (ward) wards.set(ward.id, ward);
  }
  const scopes: ApiTokenScope[] = [];
  if (viewer.memberships.length > 0) scopes.push('READ_PUBLISHED');
  if (wards.size > 0) scopes.push('READ_WARD');
  if (readsAll) scopes.push('READ_ALL');
  return { scopes, wards: [...wards.values()] };
}

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const after = event.url.searchParams.get('after');
    const { viewer } = await execute(event, ViewerApiTokens, { after });
    const tokens = viewer?.apiTokens.edges.map((e) => e.node) ?? [];
    const revokeId = event.url.searchParams.get('revoke');
    return {
      offer: event.locals.viewer ? offer(event.locals.viewer) : { scopes: [], wards: [] },
      tokens,
      after,
      nextCursor: viewer?.apiTokens.pageInfo.hasNextPage ? viewer.apiTokens.pageInfo.endCursor : null,
      // The confirmation step names a token of this page; anything else shows no dialog.
      confirming: tokens.find((t) => t.id === revokeId && !t.revokedAt) ?? null,
      now: new Date().toISOString(),
    };
  });

type FieldErrors = { name?: string; scope?: string; ward?: string; expiry?: string };

export const actions: Actions = {
  create: async (event) => {
    const t = messagesFor(event.locals.locale).developers.tokens;
    const viewer = event.locals.viewer;
    const form = await event.request.formData();
    const name = String(form.get('name') ?? '').trim();
    const scope = String(form.get('scope') ?? '');
    const wardId = String(form.get('wardId') ?? '');
    const expiry = String(form.get('expiry') ?? 'd90');
    const values = { name, scope, wardId, expiry };

    const errors: FieldErrors = {};
    if (!name) errors.name = t.nameRequired;
    else if (name.length > 100) errors.name = t.nameTooLong;
    if (!scope) errors.scope = t.scopeRequired;
    else if (!['READ_PUBLISHED', 'READ_WARD', 'READ_ALL'].includes(scope)) errors.scope = t.scopeNotOffered;
    if (scope === 'READ_WARD' && !wardId) errors.ward = t.wardRequired;
    if (!(expiry in EXPIRIES)) errors.expiry = t.expiryInvalid;
    if (!viewer) errors.scope = t.cannotCreate;
    if (Object.keys(errors).length > 0) return fail(400, { action: 'create' as const, values, errors });

    const days = EXPIRIES[expiry as Expiry];
    try {
      const { createApiToken } = await execute(event, CreateApiToken, {
        input: {
          name,
          scopes: [scope as ApiTokenScope],
          // A ward goes only with a ward token; the API refuses it otherwise.
          ...(scope === 'READ_WARD' ? { wardId } : {}),
          ...(days === null ? {} : { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() }),
        },
      });
      // The secret is returned to this one response and never stored by the app.
      return {
        action: 'create' as const,
        created: { name: createApiToken.apiToken.name, token: createApiToken.token },
      };
    } catch (cause) {
      if (cause instanceof GraphQLRequestError && (cause.code === 'FORBIDDEN' || cause.code === 'BAD_USER_INPUT')) {
        // The API names the field it refuses (extensions.field) and says why in both languages.
        const apiError = cause.errors[0];
        const message = apiError?.extensions?.messages?.[event.locals.locale] ?? apiError?.message ?? t.errorSummary;
        const field = apiError?.extensions?.field;
        const at: keyof FieldErrors =
          field === 'wardId' ? 'ward' : field === 'expiresAt' ? 'expiry' : field === 'name' ? 'name' : 'scope';
        return fail(cause.code === 'FORBIDDEN' ? 403 : 400, {
          action: 'create' as const,
          values,
          errors: { [at]: message } as FieldErrors,
        });
      }
      pageForApiError(event, cause);
    }
  },

  revoke: async (event) => {
    const t = messagesFor(event.locals.locale).developers.tokens;
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const name = String(form.get('name') ?? '');
    if (!id) return fail(400, { action: 'revoke' as const, message: t.revokeNotFound });
    try {
      await execute(event, RevokeApiToken, { id });
      return { action: 'revoke' as const, revoked: name };
    } catch (cause) {
      // Someone else's or an unknown id: the API answers NOT_FOUND; say so on this page.
      if (cause instanceof GraphQLRequestError && (cause.code === 'NOT_FOUND' || cause.code === 'BAD_USER_INPUT')) {
        return fail(404, { action: 'revoke' as const, message: t.revokeNotFound });
      }
      pageForApiError(event, cause);
    }
  },
};
