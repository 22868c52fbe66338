// The accessibility statement (/accessibility).
export const ja = {
  title: 'アクセシビリティ',
  lead: 'この場は、障害の有無や年齢、使う機器にかかわらず、誰もが利用できることをめざしています。',
  targetHeading: '目標とする基準',
  target:
    'ウェブコンテンツ・アクセシビリティ・ガイドライン（WCAG）2.2 のレベルAAに適合することを目標としています。日本産業規格 JIS X 8341-3:2016 の適合レベルAAに相当する水準です。',
  howHeading: '確認の方法',
  how: [
    '画面を追加・変更するたびに、実際のブラウザ（Chromium）で自動テストを行っています。',
    'すべての画面で、ログインしていない状態とログインした状態、日本語と英語の両方について、axe-core による WCAG 2.2 A/AA の検査を行っています。',
    'フォームは、キーボードだけで入力・送信できること、JavaScript が動かない環境でも使えることを確かめています。',
    '文字と背景のコントラスト比（4.5:1 以上、大きな文字は 3:1 以上）、見出しの順序、幅360ピクセルの画面で横にスクロールしないことも確かめています。',
  ],
  resultsHeading: '自動検査の結果',
  resultsLead: (date: string, version: string) => `${date}に実施した自動検査（axe-core ${version}）の結果です。`,
  noResults: '自動検査の結果はまだ記録されていません。',
  allPassed: (n: number) => `検査した${n}件のすべてで、違反は見つかりませんでした。`,
  someFailed: (failed: number, n: number) =>
    `検査した${n}件のうち${failed}件で違反が見つかりました。修正に取り組んでいます。`,
  columnRoute: '画面',
  columnLocale: '言語',
  columnSignedIn: 'ログイン',
  columnResult: '結果',
  locale: { ja: '日本語', en: '英語' },
  signedIn: 'あり',
  signedOut: 'なし',
  passed: '違反なし',
  failed: (n: number, rules: string) => `違反 ${n}件（${rules}）`,
  limitsHeading: '自動検査でわからないこと',
  limits:
    '自動検査で見つけられるのは、問題の一部です。読み上げソフトでの聞き取りやすさなど、人による確認も続けていきます。',
  contactHeading: 'お気づきの点があれば',
  contact: '使いにくい点や、利用できない箇所がありましたら、川崎市 自治政策部までお知らせください。',
};

export const en: typeof ja = {
  title: 'Accessibility',
  lead: 'This site aims to be usable by everyone, whatever their abilities, age or device.',
  targetHeading: 'The standard we aim for',
  target:
    'We aim to conform to the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, which corresponds to level AA of the Japanese Industrial Standard JIS X 8341-3:2016.',
  howHeading: 'How it is checked',
  how: [
    'Every time a page is added or changed, automated tests run in a real browser (Chromium).',
    'Every page is checked with axe-core against the WCAG 2.2 A/AA rules, signed out and signed in, in Japanese and in English.',
    'Forms are tested with the keyboard alone, and without JavaScript.',
    'The tests also measure text contrast (at least 4.5:1, 3:1 for large text), check that headings are in order, and that nothing scrolls sideways on a 360-pixel-wide screen.',
  ],
  resultsHeading: 'Results of the automated checks',
  resultsLead: (date: string, version: string) => `The automated checks of ${date} (axe-core ${version}).`,
  noResults: 'No results of the automated checks have been recorded yet.',
  allPassed: (n: number) => `No violations were found in any of the ${n} checks.`,
  someFailed: (failed: number, n: number) =>
    `Violations were found in ${failed} of the ${n} checks. We are fixing them.`,
  columnRoute: 'Page',
  columnLocale: 'Language',
  columnSignedIn: 'Signed in',
  columnResult: 'Result',
  locale: { ja: 'Japanese', en: 'English' },
  signedIn: 'yes',
  signedOut: 'no',
  passed: 'no violations',
  failed: (n: number, rules: string) => `${n} violations (${rules})`,
  limitsHeading: 'What automated checks cannot tell',
  limits:
    'Automated checks find only some problems. We also keep checking by hand, for example how pages sound in a screen reader.',
  contactHeading: 'If something does not work for you',
  contact:
    'If any part of this site is hard to use or does not work for you, please tell Kawasaki City’s Autonomy Policy Department.',
};
