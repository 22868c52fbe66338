// The GraphQL side of expected failures: an `Error` interface every typed error implements,
// so clients can handle any of them with one fragment.
import { builder } from './builder.ts';
import { AppError } from './errors.ts';

export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  description:
    'An expected failure, returned as data instead of a GraphQL error. Messages are in Japanese and English.',
  fields: (t) => ({
    code: t.string({ description: 'Stable machine-readable code, e.g. INVALID_CREDENTIALS.', resolve: (e) => e.code }),
    message: t.string({
      description: 'The message in the request’s language (Accept-Language; Japanese by default).',
      resolve: (e, _args, ctx) => e.messages[ctx.locale],
    }),
    messageJa: t.string({ description: 'The message in Japanese.', resolve: (e) => e.messages.ja }),
    messageEn: t.string({ description: 'The message in English.', resolve: (e) => e.messages.en }),
  }),
});
