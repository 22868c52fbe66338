// How a cost is written for people: refusals quote it, and a hostile document can ask for
// astronomically many points (costs multiply), which `${number}` prints as `1.6e+60`.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema.ts';
import { COST, formatPoints, operationCost, tooCostlyError } from './cost.ts';

const messagesOf = (cost: number) => tooCostlyError(cost).extensions.messages as { ja: string; en: string };

describe('writing a cost for people', () => {
  it('writes a countable cost out in full with grouped digits, in both languages', () => {
    expect(formatPoints(1_234_567)).toEqual({ ja: '1,234,567点', en: '1,234,567 points' });
    expect(messagesOf(1_234_567)).toEqual({
      ja: 'このクエリのコストは1,234,567点で、上限の200,000点を超えています。一度に取得する件数（first）を減らしてください。',
      en: 'The query would cost 1,234,567 points; the limit is 200,000 points. Ask for smaller pages.',
    });
  });

  it('writes an astronomical cost as the power of ten it exceeds, never in e-notation', () => {
    expect(formatPoints(1.6e60)).toEqual({ ja: '10⁶⁰点を超える', en: 'more than 10^60 points' });
    expect(formatPoints(1e60)).toEqual({ ja: '10⁵⁹点を超える', en: 'more than 10^59 points' });
    expect(formatPoints(Number.POSITIVE_INFINITY)).toEqual({ ja: '10³⁰⁸点を超える', en: 'more than 10^308 points' });
    const { ja, en } = messagesOf(1.6e60);
    expect(ja).toBe(
      'このクエリのコストは10⁶⁰点を超える見込みで、上限の200,000点を大きく超えています。一度に取得する件数（first）を減らしてください。',
    );
    expect(en).toBe('The query would cost more than 10^60 points; the limit is 200,000 points. Ask for smaller pages.');
    expect(tooCostlyError(1.6e60).extensions).toMatchObject({ cost: 1.6e60, maxCost: COST.maxCost });
  });

  it('counts a page of none as nothing, even around a selection of infinite cost', () => {
    const document = parse(
      `query Q($n: Int) { wards(first: 0) { edges { node { sections(first: $n) { edges { node { id } } } } } } }`,
    );
    expect(operationCost({ schema, document, variables: { n: 1e308 } })).toBe(1);
    const refused = parse(`query Q($n: Int) { wards(first: $n) { edges { node { id } } } }`);
    expect(operationCost({ schema, document: refused, variables: { n: 1e308 } })).toBe(Number.POSITIVE_INFINITY);
  });
});
