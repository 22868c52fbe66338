// The home page's one query: the guideline in force, its aim, philosophy and principles.
// Anonymous visitors may read it (the API marks currentGuideline public).
import { localized, type Locale } from '$lib/i18n';
import { defineOperation, execute, type ApiCaller } from '../graphql';

export interface HomeGuidelinePrinciple {
  id: string;
  key: string;
  position: number;
  name: string;
  nameEn: string;
  text: string;
  textEn: string;
}

export interface HomeGuidelineData {
  currentGuideline: {
    id: string;
    code: string;
    title: string;
    titleEn: string;
    /** YYYY-MM-DD, the first day of the month the version was adopted. */
    revisedOn: string | null;
    aim: string;
    aimEn: string;
    philosophy: string;
    philosophyEn: string;
    principles: { edges: { node: HomeGuidelinePrinciple }[] };
  } | null;
}

export const HomeGuideline = defineOperation<HomeGuidelineData>(/* GraphQL */ `
  query HomeGuideline {
    currentGuideline {
      id
      code
      title
      titleEn
      revisedOn
      aim
      aimEn
      philosophy
      philosophyEn
      principles {
        edges {
          node {
            id
            key
            position
            name
            nameEn
            text
            textEn
          }
        }
      }
    }
  }
`);

/** The guideline in one language, as the page shows it. */
export interface GuidelineView {
  code: string;
  title: string;
  revisedOn: string | null;
  aim: string;
  philosophy: string;
  principles: { key: string; position: number; name: string; text: string }[];
}

export function localizeGuideline(
  guideline: NonNullable<HomeGuidelineData['currentGuideline']>,
  locale: Locale,
): GuidelineView {
  return {
    code: guideline.code,
    title: localized(guideline, 'title', locale),
    revisedOn: guideline.revisedOn,
    aim: localized(guideline, 'aim', locale),
    philosophy: localized(guideline, 'philosophy', locale),
    principles: guideline.principles.edges
      .map(({ node }) => ({
        key: node.key,
        position: node.position,
        name: localized(node, 'name', locale),
        text: localized(node, 'text', locale),
      }))
      .sort((a, b) => a.position - b.position),
  };
}

/** The guideline in force in the caller's language, or null when none is published yet. */
export async function loadHomeGuideline(caller: ApiCaller): Promise<GuidelineView | null> {
  const data = await execute(caller, HomeGuideline);
  return data.currentGuideline ? localizeGuideline(data.currentGuideline, caller.locals.locale) : null;
}
