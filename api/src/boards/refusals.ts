// Why the board server refused an update, in both languages. Sent to the connection as the
// stateless message `{ type: 'refused', code, messages: { ja, en }, resync }`; `resync: true`
// means the client's document now holds a change the server does not, so the client drops its
// Y.Doc and connects again with a fresh one (docs/boards.md).
import type { LocalizedMessage } from '../errors.ts';

export type RefusalCode =
  | 'READ_ONLY'
  | 'FACILITATOR_ONLY'
  | 'BOARD_LOCKED'
  | 'AREA_LOCKED'
  | 'PRIVATE_WRITING'
  | 'ANONYMOUS'
  | 'PROMOTED_BY_SERVER'
  | 'UNKNOWN_TYPE'
  | 'PRIVATE_DOCUMENT'
  | 'MISSING_DEPENDENCIES'
  | 'TOO_LARGE'
  | 'UNDECODABLE'
  | 'TOO_MANY_REFUSALS';

export const REFUSALS: Record<RefusalCode, LocalizedMessage> = {
  READ_ONLY: {
    ja: 'このボードは閲覧のみです。変更は保存されていません。',
    en: 'You can only view this board. Your change was not saved.',
  },
  FACILITATOR_ONLY: {
    ja: '進行（ステージ、タイマー、ロック、レーンなど）を変えられるのはファシリテーターだけです。',
    en: 'Only the facilitator changes how the session runs (stage, timer, locks, lanes…).',
  },
  BOARD_LOCKED: {
    ja: 'ファシリテーターがボードをロックしています。変更は保存されていません。',
    en: 'The facilitator has locked the board. Your change was not saved.',
  },
  AREA_LOCKED: {
    ja: 'ロックされた範囲の付箋や理念案は、ファシリテーターだけが変更できます。',
    en: 'Notes and principle drafts in a locked area can only be changed by the facilitator.',
  },
  PRIVATE_WRITING: {
    ja: '個人で書く時間です。新しい付箋は自分だけのメモに書いてください。',
    en: 'It is private writing time: add new notes to your own private notes.',
  },
  ANONYMOUS: {
    ja: '匿名モードです。付箋に書き手の名前を付けることはできません。',
    en: 'The board is anonymous: notes cannot carry their author.',
  },
  PROMOTED_BY_SERVER: {
    ja: '記録への登録の印は、登録したときにサーバーが付けます。',
    en: 'Only the server marks notes as promoted to a record.',
  },
  UNKNOWN_TYPE: {
    ja: 'ボードにない種類のデータが含まれています。',
    en: 'The change contains data the board does not have.',
  },
  PRIVATE_DOCUMENT: {
    ja: '個人メモには付箋だけを書けます。',
    en: 'Private notes hold notes only.',
  },
  MISSING_DEPENDENCIES: {
    ja: 'この変更は、受け付けられなかった以前の変更を前提にしています。ボードを読み込み直してください。',
    en: 'This change builds on an earlier change that was refused. Reload the board.',
  },
  TOO_LARGE: {
    ja: '一度に送る変更が大きすぎます（上限 1 MiB）。接続を閉じます。',
    en: 'The change is too large (at most 1 MiB at once). The connection is closed.',
  },
  UNDECODABLE: {
    ja: '送られたデータを読み取れません。接続を閉じます。',
    en: 'The data sent cannot be read. The connection is closed.',
  },
  TOO_MANY_REFUSALS: {
    ja: '受け付けられない変更が短い間に続いたため、接続を閉じます。ボードを読み込み直してください。',
    en: 'Too many changes were refused in a short time, so the connection is closed. Reload the board.',
  },
};

export interface RefusedMessage {
  type: 'refused';
  code: RefusalCode;
  messages: LocalizedMessage;
  /** The client's document holds what the server refused: start again from a fresh Y.Doc. */
  resync: boolean;
}

export function refusedMessage(code: RefusalCode, resync: boolean): RefusedMessage {
  return { type: 'refused', code, messages: REFUSALS[code], resync };
}
