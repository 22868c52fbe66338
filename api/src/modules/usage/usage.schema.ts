// What a query would cost, asked without running it (reporting tools plan their pages with
// it). The same model refuses operations over the limit: see http/cost.ts.
import { GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { builder } from '../../builder.ts';
import { AppError } from '../../errors.ts';
import { COST, operationCost } from '../../http/cost.ts';
import { LIMITS, validationRules } from '../../http/limits.ts';

interface QueryCostShape {
  cost: number;
  maxCost: number;
}

const QueryCost = builder.objectRef<QueryCostShape>('QueryCost').implement({
  description:
    'What an operation would cost under the API’s cost model: 1 point per field, a connection’s selection multiplied by its `first`/`last` (default 20). Every response also reports its cost in `extensions.cost` and the remaining hourly budget in `extensions.rateLimit`.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    cost: t.exposeInt('cost', { description: 'Points the operation would cost.' }),
    maxCost: t.exposeInt('maxCost', { description: 'The most one operation may cost.' }),
    withinLimit: t.boolean({
      description: 'Whether the operation would be admitted (cost at most `maxCost`).',
      resolve: ({ cost, maxCost }) => cost <= maxCost,
    }),
  }),
});

builder.queryFields((t) => ({
  queryCost: t.field({
    type: QueryCost,
    description:
      'Public. The cost of an operation, computed without running it. The document is parsed and validated like a request; invalid documents are an error.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      query: t.arg.string({ required: true, description: 'The GraphQL document.' }),
      operationName: t.arg.string({ description: 'Which operation of the document, when it has several.' }),
      variables: t.arg.string({ description: 'The variables as a JSON object, as a request would send them.' }),
    },
    resolve: (_root, args, _ctx, info) => {
      let variables: Record<string, unknown> = {};
      if (args.variables) {
        try {
          const parsed: unknown = JSON.parse(args.variables);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
          variables = parsed as Record<string, unknown>;
        } catch {
          throw new AppError('BAD_USER_INPUT', {
            ja: '変数（variables）は JSON のオブジェクトで指定してください。',
            en: 'variables must be a JSON object.',
          });
        }
      }
      let document;
      try {
        document = parse(args.query, { maxTokens: LIMITS.maxTokens });
      } catch (error) {
        throw new AppError('BAD_USER_INPUT', {
          ja: `クエリの構文が正しくありません: ${error instanceof GraphQLError ? error.message : String(error)}`,
          en: `The query does not parse: ${error instanceof GraphQLError ? error.message : String(error)}`,
        });
      }
      const errors = validate(info.schema, document, [...specifiedRules, ...validationRules]);
      if (errors.length > 0) {
        const detail = errors.map((e) => e.message).join(' ');
        throw new AppError('BAD_USER_INPUT', {
          ja: `クエリがスキーマに合っていません: ${detail}`,
          en: `The query is not valid: ${detail}`,
        });
      }
      return {
        cost: operationCost({ schema: info.schema, document, operationName: args.operationName, variables }),
        maxCost: COST.maxCost,
      };
    },
  }),
}));
