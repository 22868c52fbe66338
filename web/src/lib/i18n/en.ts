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
import type { Messages } from './ja';

export const en: Messages = {
  product: {
    name: '指針 Shishin',
    owner: 'Kawasaki City',
    tagline: 'Ward Office Service Improvement Guidelines',
  },
  layout: {
    skipToContent: 'Skip to main content',
    home: 'Home',
    languageNav: 'Language',
    footerAbout:
      'Where Kawasaki City’s ward offices set their policies and targets under the Ward Office Service Improvement Guidelines, and look back on their work.',
    footerSource:
      'The guideline texts shown here are those of Kawasaki City’s Ward Office Service Improvement Guidelines.',
  },
  home: {
    pageTitle: 'Ward Office Service Improvement Guidelines',
    lead: 'The common ground on which each of Kawasaki City’s ward offices keeps improving the service it gives citizens.',
    inForce: 'In force',
    revised: (date: string) => `revised ${date}`,
    aimHeading: 'What we aim for',
    aimIntro: 'What improving ward office service aims for — kept in mind by every member of staff who provides it.',
    philosophyHeading: 'Philosophy',
    principlesHeading: 'The eight principles',
    principleNumber: (position: number) => `Principle ${position}`,
    noGuideline: 'No guideline has been published yet.',
  },
  error: {
    title: 'This page cannot be shown',
    apiUnavailable:
      'We cannot reach the server that provides the guideline data right now. Please try again in a little while.',
    notFound: 'We could not find the page you were looking for. Please check the address.',
    forbidden: 'You do not have permission to see this page. Please ask the person responsible.',
    unexpected: 'Something unexpected went wrong. Please try again in a little while.',
    retry: 'Reload',
    backHome: 'Back to the home page',
    statusLabel: (status: number) => `Error code ${status}`,
  },
  auth: auth.en,
  nav: nav.en,
  notifications: notifications.en,
  problems: problems.en,
  history: history.en,
  staffHome: homeArea.en,
  standards: standards.en,
  targets: targets.en,
  comments: comments.en,
  wards: wards.en,
  guideline: guideline.en,
  accessibility: accessibility.en,
  developers: developers.en,
  exports: exportsArea.en,
  boards: boards.en,
};
