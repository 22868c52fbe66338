import { describe, expect, it } from 'vitest';
import { fiscalPhaseOf, fiscalYearBounds, fiscalYearEraName, fiscalYearOf } from './fiscal-year.ts';

describe('fiscal years (年度)', () => {
  it('starts a fiscal year on April 1 in Japan, whatever the server time zone', () => {
    // 2026-03-31T15:00Z is already April 1 in Japan.
    expect(fiscalYearOf(new Date('2026-03-31T14:59:59Z'))).toBe(2025);
    expect(fiscalYearOf(new Date('2026-03-31T15:00:00Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2026-11-24T12:00:00Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2027-01-15T00:00:00Z'))).toBe(2026);
  });

  it('names fiscal years in the Japanese era of their first day', () => {
    expect(fiscalYearEraName(2026)).toEqual({ ja: '令和8年度', en: 'FY2026 (Reiwa 8)' });
    expect(fiscalYearEraName(2012).ja).toBe('平成24年度');
    expect(fiscalYearEraName(2011).ja).toBe('平成23年度');
    expect(fiscalYearEraName(2019).ja).toBe('平成31年度');
    expect(fiscalYearEraName(2020).ja).toBe('令和2年度');
    expect(fiscalYearEraName(1989).ja).toBe('平成元年度');
  });

  it('places each month in the phase of the yearly cycle', () => {
    expect(fiscalPhaseOf(new Date('2026-04-10T00:00:00Z'))).toBe('PLANNING');
    expect(fiscalPhaseOf(new Date('2026-05-31T12:00:00Z'))).toBe('PLANNING');
    expect(fiscalPhaseOf(new Date('2026-05-31T15:00:00Z'))).toBe('IMPLEMENTATION');
    expect(fiscalPhaseOf(new Date('2027-03-01T00:00:00Z'))).toBe('STANDARDS_REVIEW');
  });

  it('runs from April 1 to March 31', () => {
    const { startsOn, endsOn } = fiscalYearBounds(2026);
    expect(startsOn.toISOString().slice(0, 10)).toBe('2026-04-01');
    expect(endsOn.toISOString().slice(0, 10)).toBe('2027-03-31');
  });
});
