// Sign-in, sign-out and API tokens.
import type { ApiTokenScope } from '@shishin/prisma';
import { dummyPasswordHash, verifyPassword } from '../../auth/password.ts';
import { hashSecret, newApiToken, newSecret } from '../../auth/secrets.ts';
import { SESSION_COOKIE } from '../../auth/authenticate.ts';
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import { tokenRefusal, type TokenRefusal } from './user.policy.ts';

export class InvalidCredentialsError extends AppError {
  constructor() {
    super('INVALID_CREDENTIALS', messages.invalidCredentials);
  }
}

export class TooManyAttemptsError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('TOO_MANY_ATTEMPTS', messages.tooManyAttempts, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export async function signIn(
  ctx: Context,
  email: string,
  password: string,
): Promise<{ userId: string; expiresAt: Date }> {
  const normalizedEmail = email.trim().toLowerCase();
  const account = [normalizedEmail];
  const address = [ctx.clientAddress];
  const now = ctx.now();
  const { account: accountThrottle, address: addressThrottle } = ctx.throttles;
  const wait = Math.max(
    await accountThrottle.retryAfterSeconds(account, now.getTime()),
    await addressThrottle.retryAfterSeconds(address, now.getTime()),
  );
  if (wait > 0) throw new TooManyAttemptsError(wait);

  const user = await ctx.db.user.findUnique({
    where: { email: normalizedEmail },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  // The KDF runs whether or not the account exists, so timing does not tell which emails exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.passwordHash || user.disabledAt || !valid) {
    await Promise.all([
      accountThrottle.recordFailure(account, now.getTime()),
      addressThrottle.recordFailure(address, now.getTime()),
    ]);
    throw new InvalidCredentialsError();
  }
  await accountThrottle.reset(account);

  const token = newSecret();
  const expiresAt = new Date(now.getTime() + ctx.sessionSettings.absoluteTimeoutMs);
  await ctx.db.$transaction([
    ctx.db.session.create({
      data: { tokenHash: hashSecret(token), userId: user.id, expiresAt, lastSeenAt: now, createdAt: now },
    }),
    // Expired sessions of this user are swept on sign-in, so the table does not grow without bound.
    ctx.db.session.deleteMany({ where: { userId: user.id, expiresAt: { lt: now } } }),
    ctx.db.auditRecord.create({
      data: {
        actorId: user.id,
        action: 'user.sign_in',
        subjectType: 'User',
        subjectId: user.id,
        requestId: ctx.requestId,
      },
    }),
  ]);
  ctx.cookies.push({
    name: SESSION_COOKIE,
    value: token,
    maxAgeSeconds: Math.floor(ctx.sessionSettings.absoluteTimeoutMs / 1000),
  });
  return { userId: user.id, expiresAt };
}

export async function signOut(ctx: Context): Promise<void> {
  const credential = ctx.viewer.credential;
  if (credential.kind === 'session') {
    await ctx.db.session.deleteMany({ where: { id: credential.sessionId } });
  }
  ctx.cookies.push({ name: SESSION_COOKIE, value: '', maxAgeSeconds: 0 });
}

export async function createApiToken(
  ctx: Context,
  input: { name: string; scopes: ApiTokenScope[]; wardId: string | null; expiresAt: Date | null },
): Promise<{ token: string; id: string }> {
  const user = ctx.viewer.user;
  if (!user) throw new AppError('UNAUTHENTICATED', messages.unauthenticated);
  const refusal = tokenRefusal(ctx.viewer, input);
  if (refusal) throw tokenRefusalError(refusal);
  if (input.expiresAt && input.expiresAt <= ctx.now()) {
    throw new AppError('BAD_USER_INPUT', messages.invalidInput, { field: 'expiresAt' });
  }
  const { token, prefix } = newApiToken();
  const record = await ctx.db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId: user.id,
        name: input.name,
        prefix,
        tokenHash: hashSecret(token),
        scopes: [...new Set(input.scopes)],
        wardId: input.wardId,
        expiresAt: input.expiresAt,
      },
    });
    await tx.auditRecord.create({
      data: {
        actorId: user.id,
        action: 'api_token.create',
        subjectType: 'ApiToken',
        subjectId: created.id,
        after: { name: input.name, scopes: input.scopes, wardId: input.wardId },
        requestId: ctx.requestId,
      },
    });
    return created;
  });
  return { token, id: record.id };
}

/**
 * Broader than the owner is FORBIDDEN (as before), a contradictory input BAD_USER_INPUT; both
 * name the field (`extensions.field`) so a form shows the message beside it.
 */
function tokenRefusalError(refusal: TokenRefusal): AppError {
  switch (refusal.reason) {
    case 'not-staff':
      return new AppError('FORBIDDEN', messages.forbidden);
    case 'read-all':
      return new AppError('FORBIDDEN', messages.tokenReadAllNotAllowed, { field: refusal.field });
    case 'ward-not-yours':
      return new AppError('FORBIDDEN', messages.tokenWardNotYours, { field: refusal.field });
    case 'no-scope':
      return new AppError('BAD_USER_INPUT', messages.tokenScopeRequired, { field: refusal.field });
    case 'ward-required':
      return new AppError('BAD_USER_INPUT', messages.tokenWardRequired, { field: refusal.field });
    case 'ward-without-read-ward':
      return new AppError('BAD_USER_INPUT', messages.tokenWardWithoutReadWard, { field: refusal.field });
  }
}

export async function revokeApiToken(ctx: Context, tokenId: string): Promise<string> {
  const user = ctx.viewer.user;
  if (!user) throw new AppError('UNAUTHENTICATED', messages.unauthenticated);
  return ctx.db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({
      where: { id: tokenId },
      select: { id: true, userId: true, revokedAt: true },
    });
    if (!token || (token.userId !== user.id && !ctx.viewer.hasRole('POLICY_ADMIN'))) {
      throw new AppError('NOT_FOUND', messages.notFound);
    }
    if (!token.revokedAt) {
      await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: ctx.now() } });
      await tx.auditRecord.create({
        data: {
          actorId: user.id,
          action: 'api_token.revoke',
          subjectType: 'ApiToken',
          subjectId: token.id,
          requestId: ctx.requestId,
        },
      });
    }
    return token.id;
  });
}
