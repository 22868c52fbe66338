// Cost limit and query budgets for every GraphQL operation over HTTP, checked after the
// document is validated and before anything executes; the response tells the caller what
// the operation cost and how much budget is left (`extensions.cost`, `extensions.rateLimit`,
// and `x-ratelimit-*` headers), as GitHub's and Shopify's APIs do.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.ts';
import type { LocalizedMessage } from '../errors.ts';
import { COST, formatPoints, operationCost, tooCostlyError } from './cost.ts';
import { budgetFor, rateLimitHeaders, type Budget, type RateLimiter } from './rate-limit.ts';

export function rateLimitedError(budget: Budget, cost: number): GraphQLError {
  const minutes = Math.max(1, Math.ceil(budget.retryAfterSeconds / 60));
  const costs = formatPoints(cost);
  const limit = formatPoints(budget.limit);
  const remaining = formatPoints(budget.remaining);
  const messages: LocalizedMessage = {
    ja: `このクエリのコストは${costs.ja}ですが、1時間あたり${limit.ja}の枠の残りは${remaining.ja}です。約${minutes}分後にもう一度お試しください。`,
    en: `This query costs ${costs.en} and only ${remaining.en} of your ${limit.en} per hour are left. Try again in about ${minutes} minute(s).`,
  };
  return new GraphQLError(messages.en, {
    extensions: {
      code: 'RATE_LIMITED',
      messages,
      cost,
      retryAfterSeconds: budget.retryAfterSeconds,
      rateLimit: { limit: budget.limit, remaining: budget.remaining, resetAt: budget.resetAt.toISOString() },
      http: { status: 429, headers: new Map([['retry-after', String(budget.retryAfterSeconds)]]) },
    },
  });
}

export function usagePlugin(limiter: RateLimiter, maxCost: number = COST.maxCost): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      let budget: Budget | undefined;
      return {
        async didResolveOperation({ schema, document, operationName, request, contextValue }) {
          cost = operationCost({ schema, document, operationName, variables: request.variables });
          if (cost > maxCost) throw tooCostlyError(cost, maxCost);
          const { key, limit } = budgetFor(contextValue.viewer, contextValue.clientAddress);
          budget = await limiter.take(key, Math.max(1, cost), limit, contextValue.now());
          if (!budget.allowed) throw rateLimitedError(budget, cost);
        },
        async willSendResponse({ response }) {
          if (budget) {
            for (const [name, value] of Object.entries(rateLimitHeaders(budget)))
              response.http.headers.set(name, value);
          }
          if (response.body.kind !== 'single' || cost === undefined) return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: { requested: cost, maxCost },
            ...(budget
              ? {
                  rateLimit: {
                    limit: budget.limit,
                    remaining: budget.remaining,
                    resetAt: budget.resetAt.toISOString(),
                  },
                }
              : {}),
          };
        },
      };
    },
  };
}
