// The Japanese catalogue is the source: its shape is the type every other catalogue must
// match (see en.ts), so a key missing in a translation is a type error. Wording about the
// guideline itself comes from the guideline document, not from a translation.
import * as accessibility from './catalogue/accessibility';
import * as auth from './catalogue/auth';
import * as guideline from './catalogue/guideline';
import * as developers from './catalogue/developers';
import * as exportsArea from './catalogue/exports';
import * as homeArea from './catalogue/home';
import * as nav from './catalogue/nav';
import * as comments from './catalogue/comments';
import * as notifications from './catalogue/notifications';
import * as problems from './catalogue/problems';
import * as history from './catalogue/history';
import * as standards from './catalogue/standards';
import * as targets from './catalogue/targets';
import * as wards from './catalogue/wards';
import * as boards from './catalogue/boards';

export const ja = {
  product: {
    /** The product name is the one string shown the same in both languages. */
    name: '指針 Shishin',
    owner: '川崎市',
    tagline: '区役所サービス向上指針',
  },
  layout: {
    skipToContent: '本文へ移動',
    home: 'トップページ',
    languageNav: '表示言語',
    footerAbout: '川崎市の区役所が、区役所サービス向上指針にもとづいて方針・目標を定め、取組を振り返るための場です。',
    footerSource: '掲載している指針の本文は、川崎市「区役所サービス向上指針」によります。',
  },
  home: {
    pageTitle: '区役所サービス向上指針',
    lead: '川崎市の各区役所が、市民に提供するサービスを継続的に向上させるためのよりどころです。',
    inForce: '現行版',
    revised: (date: string) => `${date}改定`,
    aimHeading: 'めざすもの',
    aimIntro: '区役所サービスを提供する職員が常に意識する、区役所サービスの向上によりめざすもの。',
    philosophyHeading: '理念',
    principlesHeading: '8つの理念',
    principleNumber: (position: number) => `理念 ${position}`,
    noGuideline: '公開されている指針はまだありません。',
  },
  error: {
    title: 'ページを表示できません',
    apiUnavailable: '指針のデータを提供するサーバーに、いま接続できません。しばらくしてから、もう一度お試しください。',
    notFound: 'お探しのページは見つかりませんでした。アドレスをご確認ください。',
    forbidden: 'このページを表示する権限がありません。担当の方にお問い合わせください。',
    unexpected: '予期しない問題が起きました。しばらくしてから、もう一度お試しください。',
    retry: 'もう一度読み込む',
    backHome: 'トップページへ戻る',
    statusLabel: (status: number) => `エラーコード ${status}`,
  },
  auth: auth.ja,
  nav: nav.ja,
  notifications: notifications.ja,
  problems: problems.ja,
  history: history.ja,
  staffHome: homeArea.ja,
  standards: standards.ja,
  targets: targets.ja,
  comments: comments.ja,
  wards: wards.ja,
  guideline: guideline.ja,
  accessibility: accessibility.ja,
  developers: developers.ja,
  exports: exportsArea.ja,
  boards: boards.ja,
};

export type Messages = typeof ja;
