import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { ErrorInterface } from '../../errors.schema.ts';
import { Ward } from '../organisation/organisation.schema.ts';
import { canReadUserPrivateFields } from './user.policy.ts';
import {
  InvalidCredentialsError,
  TooManyAttemptsError,
  createApiToken,
  revokeApiToken,
  signIn,
  signOut,
} from './user.service.ts';

export const RoleEnum = builder.enumType('Role', {
  description: 'A role a user holds, city-wide or within a ward, section or committee.',
  values: {
    POLICY_ADMIN: { description: '自治政策部: the city’s central office for the guideline.' },
    DIRECTOR: { description: 'Member of the ward citizen services directors’ meeting (区民サービス部長会議).' },
    WARD_MAYOR: { description: '区長: sets the ward’s improvement policy.' },
    WARD_COORDINATOR: { description: 'Coordinates the ward committee’s work (事務局).' },
    SECTION_HEAD: { description: 'Head of a section (所属長).' },
    SECTION_MEMBER: { description: 'Staff of a section; writes its targets and results.' },
    COMMITTEE_CHAIR: { description: 'Chairs a committee.' },
    COMMITTEE_MEMBER: { description: 'Member of a committee; reviews and comments.' },
    FACILITATOR: { description: 'Runs workshops of a committee or working group.' },
  },
});

export const ApiTokenScopeEnum = builder.enumType('ApiTokenScope', {
  description: 'What an API token may read. Tokens never write.',
  values: {
    READ_PUBLISHED: { description: 'Only what is published (what anyone can read).' },
    READ_WARD: { description: 'Everything of one ward the token’s owner belongs to.' },
    READ_ALL: { description: 'Everything the owner can read city-wide (policy department and directors only).' },
  },
});

export const User = builder.prismaNode('User', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: 'A member of staff who signs in to Shishin.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    displayName: t.exposeString('displayName', { description: 'The name shown to others.' }),
    email: t.string({
      nullable: true,
      description: 'Email address; only for the user themselves and the policy department (null otherwise).',
      resolve: (user, _args, ctx) => (canReadUserPrivateFields(ctx.viewer, user) ? user.email : null),
    }),
    locale: t.exposeString('locale', { description: 'Preferred language: "ja" or "en".' }),
    memberships: t.relation('memberships', {
      description:
        'The user’s roles and where they hold them (a handful, so a plain list); only for the user themselves and the policy department.',
      authScopes: (user, _args, ctx) => canReadUserPrivateFields(ctx.viewer, user),
      query: { orderBy: [{ role: 'asc' }, { id: 'asc' }] },
    }),
    apiTokens: t.relatedConnection('apiTokens', {
      cursor: 'id',
      description: 'The user’s API tokens, newest first; only for the user themselves.',
      authScopes: (user, _args, ctx) => ctx.viewer.user?.id === user.id,
      query: { orderBy: { createdAt: 'desc' } },
    }),
  }),
});

export const Membership = builder.prismaObject('Membership', {
  description: 'A role held by a user, city-wide or within a ward, section or committee.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id of the membership.' }),
    role: t.expose('role', { type: RoleEnum, description: 'The role.' }),
    ward: t.relation('ward', { nullable: true, description: 'The ward the role is held in, for ward-scoped roles.' }),
    section: t.relation('section', { nullable: true, description: 'The section, for section-scoped roles.' }),
    committee: t.relation('committee', { nullable: true, description: 'The committee, for committee-scoped roles.' }),
    user: t.relation('user', { description: 'Who holds the role.' }),
  }),
});

export const ApiToken = builder.prismaNode('ApiToken', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description:
    'A bearer token for reporting tools. The secret is shown once, when created; Shishin keeps only its hash.',
  authScopes: (token, ctx) => ctx.viewer.user?.id === token.userId || ctx.viewer.hasRole('POLICY_ADMIN'),
  fields: (t) => ({
    name: t.exposeString('name', {
      description: 'A name to recognise the token by, e.g. “FY2026 ward report script”.',
    }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the token, to recognise it in lists.' }),
    scopes: t.exposeStringList('scopes', { description: 'What the token may read (ApiTokenScope values).' }),
    ward: t.relation('ward', { nullable: true, description: 'The ward a READ_WARD token reads.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was last used (to within a minute).',
    }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it stops working, if set.',
    }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; a revoked token fails at once.',
    }),
  }),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: 'The email address or the password is wrong (which of the two is deliberately not said).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCredentialsError,
  fields: () => ({}),
});

builder.objectType(TooManyAttemptsError, {
  name: 'TooManyAttemptsError',
  description: 'Too many failed sign-ins for this email or from this address; try again later.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof TooManyAttemptsError,
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'Seconds until another attempt is allowed.' }),
  }),
});

const SignInPayload = builder.objectRef<{ expiresAt: Date; userId: string }>('SignInPayload').implement({
  description: 'A successful sign-in. The session is in an httpOnly cookie set on the response.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the session ends at the latest.' }),
    viewer: t.prismaField({
      type: 'User',
      description: 'The signed-in user.',
      resolve: (query, payload, _args, ctx) =>
        ctx.db.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } }),
    }),
  }),
});

const CreateApiTokenPayload = builder.objectRef<{ token: string; id: string }>('CreateApiTokenPayload').implement({
  description: 'A new API token. `token` is shown only here, once: store it safely.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The secret to send as `Authorization: Bearer <token>`.' }),
    apiToken: t.prismaField({
      type: 'ApiToken',
      description: 'The token’s record.',
      resolve: (query, payload, _args, ctx) =>
        ctx.db.apiToken.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const SignInInput = builder.inputType('SignInInput', {
  description: 'Credentials for signing in.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Email address.', validate: z.string().trim().min(3).max(254) }),
    password: t.string({ required: true, description: 'Password.', validate: z.string().min(1).max(1024) }),
  }),
});

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  description: 'A new API token for a reporting tool.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'A name to recognise it by (1–100 characters).',
      validate: z.string().trim().min(1).max(100),
    }),
    scopes: t.field({
      type: [ApiTokenScopeEnum],
      required: true,
      description: 'What it may read (at least one).',
      validate: z.array(z.string()).min(1).max(3),
    }),
    wardId: t.globalID({ for: Ward, description: 'The ward, for a READ_WARD token.' }),
    expiresAt: t.field({ type: 'DateTime', description: 'When it stops working; never, if left out.' }),
  }),
});

builder.queryFields((t) => ({
  // A plain field rather than prismaField: anonymous requests (most of them, on public pages)
  // then cost no Prisma selection work; the signed-in user is one findUnique, and nested
  // relations load through Pothos' per-object fallback (one user, so no N+1).
  viewer: t.field({
    type: User,
    nullable: true,
    description: 'Public. The signed-in user, or null for anonymous visitors.',
    skipTypeScopes: true,
    authScopes: { public: true },
    resolve: (_root, _args, ctx) =>
      ctx.viewer.user ? ctx.db.user.findUnique({ where: { id: ctx.viewer.user.id } }) : null,
  }),
}));

builder.mutationFields((t) => ({
  signIn: t.field({
    type: SignInPayload,
    description:
      'Public. Sign in with email and password; sets the session cookie. Wrong credentials and throttling are returned as typed errors.',
    skipTypeScopes: true,
    authScopes: { public: true },
    errors: {
      types: [InvalidCredentialsError, TooManyAttemptsError],
      directResult: true,
      union: { name: 'SignInResult', description: 'The outcome of a sign-in.' },
    },
    args: { input: t.arg({ type: SignInInput, required: true, description: 'The credentials.' }) },
    resolve: async (_root, { input }, ctx) => {
      return signIn(ctx, input.email, input.password);
    },
  }),
  signOut: t.boolean({
    description: 'Public. End the current session and clear its cookie. Always true.',
    skipTypeScopes: true,
    authScopes: { public: true },
    resolve: async (_root, _args, ctx) => {
      await signOut(ctx);
      return true;
    },
  }),
  createApiToken: t.field({
    type: CreateApiTokenPayload,
    description: 'Create an API token for a reporting tool. A token never reads more than you can.',
    args: { input: t.arg({ type: CreateApiTokenInput, required: true, description: 'The token to create.' }) },
    resolve: async (_root, { input }, ctx) =>
      createApiToken(ctx, {
        name: input.name,
        scopes: input.scopes,
        wardId: input.wardId?.id ?? null,
        expiresAt: input.expiresAt ?? null,
      }),
  }),
  revokeApiToken: t.field({
    type: 'ID',
    description: 'Revoke one of your API tokens (the policy department can revoke any). Returns its global id.',
    args: { id: t.arg.globalID({ for: ApiToken, required: true, description: 'The token to revoke.' }) },
    resolve: async (_root, { id }, ctx) => {
      await revokeApiToken(ctx, id.id);
      return encodeGlobalID('ApiToken', id.id);
    },
  }),
}));
