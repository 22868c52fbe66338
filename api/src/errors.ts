// Errors a person may read carry both languages. `message` is chosen per request
// (see http/graphql-handler.ts); `extensions.messages` always holds both, and
// `extensions.code` is the stable, machine-readable part reporting tools branch on.
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'SESSION_EXPIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'INVALID_STATE'
  | 'PAYLOAD_TOO_LARGE'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL_SERVER_ERROR';

export interface LocalizedMessage {
  ja: string;
  en: string;
}

/** An expected failure with a message in Japanese and English. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messages: LocalizedMessage;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, messages: LocalizedMessage, details?: Record<string, unknown>) {
    super(messages.en);
    this.name = 'AppError';
    this.code = code;
    this.messages = messages;
    this.details = details;
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.messages.en, {
      extensions: { code: this.code, messages: this.messages, ...(this.details ?? {}) },
    });
  }
}

export const messages = {
  unauthenticated: {
    ja: 'ログインが必要です。',
    en: 'You need to sign in.',
  },
  sessionExpired: {
    ja: 'セッションの有効期限が切れました。もう一度ログインしてください。',
    en: 'Your session has expired. Please sign in again.',
  },
  exportFilter: {
    ja: '書き出しの条件が正しくありません。年度（fiscalYear）、または期間の始め（fromYear）と終わり（toYear）を1989〜2100の西暦で、始めは終わり以前に指定してください（fiscalYearと期間は同時に指定できません）。区（ward）は区のコードで指定してください。',
    en: 'Invalid export filter: give fiscalYear, or a range fromYear/toYear (either end may be left out, from not after to, not together with fiscalYear), as years from 1989 to 2100, and ward as a ward code.',
  },
  introspectionDisabled: {
    ja: 'スキーマの照会（イントロスペクション）は、ログインした職員とAPIトークンにのみ許可されています。',
    en: 'Introspection is available to signed-in staff and API tokens only.',
  },
  forbidden: {
    ja: 'この操作を行う権限がありません。',
    en: 'You are not allowed to do this.',
  },
  notFound: {
    ja: '指定されたデータが見つかりません。',
    en: 'The requested item was not found.',
  },
  invalidCredentials: {
    ja: 'メールアドレスまたはパスワードが正しくありません。',
    en: 'The email address or password is incorrect.',
  },
  tooManyAttempts: {
    ja: 'ログインの試行回数が多すぎます。しばらくしてからもう一度お試しください。',
    en: 'Too many sign-in attempts. Please wait a while and try again.',
  },
  invalidToken: {
    ja: 'API トークンが無効か、失効しています。',
    en: 'The API token is invalid, expired or revoked.',
  },
  tokenReadAllNotAllowed: {
    ja: '市全体を読む権限（READ_ALL）は、自治政策部と区民サービス部長会議の方だけが作れます。',
    en: 'Only the policy department and the directors’ meeting can create a city-wide (READ_ALL) token.',
  },
  tokenWardNotYours: {
    ja: '所属している区のトークンだけを作れます。',
    en: 'You can create a ward token only for a ward you belong to.',
  },
  tokenWardRequired: {
    ja: '区のデータを読むトークン（READ_WARD）には、区の指定が必要です。',
    en: 'A ward token (READ_WARD) needs a ward.',
  },
  tokenWardWithoutReadWard: {
    ja: '区を指定できるのは、区のデータを読むトークン（READ_WARD）だけです。',
    en: 'Only a ward token (READ_WARD) takes a ward.',
  },
  tokenScopeRequired: {
    ja: 'トークンが読める範囲を1つ以上選んでください。',
    en: 'Choose at least one thing the token may read.',
  },
  readOnlyToken: {
    ja: 'API トークンでは読み取りのみ行えます。',
    en: 'API tokens can only read.',
  },
  payloadTooLarge: {
    ja: 'リクエストが大きすぎます。',
    en: 'The request is too large.',
  },
  badRequest: {
    ja: 'リクエストの形式が正しくありません。',
    en: 'The request is malformed.',
  },
  yearRange: {
    ja: '期間の指定が正しくありません。始めの年度（fromYear）は終わりの年度（toYear）以前にしてください。',
    en: 'Invalid year range: fromYear must not be after toYear.',
  },
  invalidInput: {
    ja: '入力内容に誤りがあります。',
    en: 'Some of the input is invalid.',
  },
  csrf: {
    ja: 'このリクエストは別のサイトから送信されたため拒否されました。',
    en: 'This request was refused because it came from another site.',
  },
  conflict: {
    ja: '他の人が先に更新しました。最新の内容を読み込んでからやり直してください。',
    en: 'Someone else changed this first. Reload the latest version and try again.',
  },
  invalidState: {
    ja: '現在の状態ではこの操作はできません。',
    en: 'This cannot be done in the current state.',
  },
  rateLimited: {
    ja: '短時間に送信できる回数の上限に達しました。しばらくしてからもう一度お試しください。',
    en: 'You have sent the most allowed in a short time. Please wait a while and try again.',
  },
  lateReasonRequired: {
    ja: '年度が終わった後の報告には、遅れた理由の記入が必要です。',
    en: 'A result reported after its fiscal year ended needs the reason for the delay.',
  },
  notReviewer: {
    ja: 'この審査ラウンドの審査担当ではありません。',
    en: 'You are not a reviewer of this review round.',
  },
  quoteNotFound: {
    ja: '引用した箇所が本文に見つかりません。',
    en: 'The quoted passage is not in the text.',
  },
  notThreadRoot: {
    ja: 'スレッドの最初のコメントを指定してください。',
    en: 'Name the first comment of the thread.',
  },
  indicatorOrMilestone: {
    ja: '数値の目標値か、数値にできない場合は達成の目安（マイルストーン）を入力してください。',
    en: 'Give a numeric target value or, where none fits, a qualitative milestone.',
  },
  unknownLinks: {
    ja: 'その年度に有効でない基準、または現行の指針にない理念が含まれています。',
    en: 'Some standards are not in force in that fiscal year, or some principles are not in the guideline in force.',
  },
  reviewYearPassed: {
    ja: '基準の見直しは、これから始まる年度についてのみ行えます。',
    en: 'Standards can only be reviewed for a fiscal year that has not started yet.',
  },
  reviewExists: {
    ja: 'この年度の基準の見直しは既に始まっています。',
    en: 'The review of the standards for this fiscal year has already been opened.',
  },
  standardCodeTaken: {
    ja: 'この基準番号は既に使われています。',
    en: 'This standard code is already in use.',
  },
  alreadyCarriedOver: {
    ja: 'この目標は既に次の年度へ引き継がれています。',
    en: 'This target has already been carried over to the next fiscal year.',
  },
  policyExists: {
    ja: 'この区のこの年度の区役所サービス向上方針は既にあります。',
    en: 'This ward already has an improvement policy for this fiscal year.',
  },
  internal: {
    ja: 'サーバーで予期しないエラーが発生しました。',
    en: 'An unexpected error occurred on the server.',
  },
} satisfies Record<string, LocalizedMessage>;
