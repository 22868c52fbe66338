// Exports of targets and their results by 年度, as CSV (UTF-8 with a BOM, so Excel opens
// Japanese correctly) and XLSX, for the web app's download links and for reporting tools
// (the same URL with `Authorization: Bearer shishin_…`).
//
// CONCERNS:
// - Constant memory: rows are read in pages by cursor and written as they come; neither the
//   CSV nor the XLSX writer (exceljs' streaming WorkbookWriter) keeps earlier rows.
// - The same read rules as GraphQL: targets through readableTargetsWhere, results only when
//   published or when the viewer may read the ward's unpublished work.
// - Years both ways: the era name (令和8年度) for people, the Gregorian year for sorting.
import type { ServerResponse } from 'node:http';
import ExcelJS from 'exceljs';
import type { Prisma, PrismaClient } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';
import type { Locale } from '../../context.ts';
import { fiscalYearEraName } from '../fiscal-year/fiscal-year.ts';
import { readableTargetsWhere } from '../target/target.policy.ts';

export const EXPORT_PAGE_SIZE = 500;

const ACHIEVEMENT = {
  GREATLY_EXCEEDED: { score: 1, ja: '大きく上回った', en: 'Greatly exceeded' },
  EXCEEDED: { score: 2, ja: '上回った', en: 'Exceeded' },
  ACHIEVED: { score: 3, ja: '達成', en: 'Achieved' },
  BELOW: { score: 4, ja: '下回った', en: 'Below' },
  GREATLY_BELOW: { score: 5, ja: '大きく下回った', en: 'Greatly below' },
} as const;

const STATES = {
  DRAFT: { ja: '下書き', en: 'Draft' },
  IN_REVIEW: { ja: '審査中', en: 'In review' },
  CHANGES_REQUESTED: { ja: '修正依頼', en: 'Changes requested' },
  APPROVED: { ja: '承認済み', en: 'Approved' },
  PUBLISHED: { ja: '公開済み', en: 'Published' },
} as const;

const RESULT_STATES = {
  REPORTED: { ja: '報告済み', en: 'Reported' },
  CONFIRMED: { ja: '確認済み', en: 'Confirmed' },
  PUBLISHED: { ja: '公開済み', en: 'Published' },
} as const;

const COLUMNS: { key: string; ja: string; en: string; width: number }[] = [
  { key: 'era', ja: '年度', en: 'Fiscal year', width: 12 },
  { key: 'year', ja: '年度（西暦）', en: 'Fiscal year (Gregorian)', width: 10 },
  { key: 'ward', ja: '区', en: 'Ward', width: 10 },
  { key: 'section', ja: '所属', en: 'Section', width: 22 },
  { key: 'title', ja: '目標', en: 'Target', width: 36 },
  { key: 'description', ja: '取組内容', en: 'What will be done', width: 50 },
  { key: 'state', ja: '状態', en: 'State', width: 10 },
  { key: 'standards', ja: '基準', en: 'Standards', width: 14 },
  { key: 'principles', ja: '理念', en: 'Principles', width: 24 },
  { key: 'indicator', ja: '指標', en: 'Indicator', width: 24 },
  { key: 'baseline', ja: '基準値', en: 'Baseline', width: 10 },
  { key: 'targetValue', ja: '目標値', en: 'Target value', width: 10 },
  { key: 'unit', ja: '単位', en: 'Unit', width: 8 },
  { key: 'milestone', ja: 'マイルストーン', en: 'Milestone', width: 30 },
  { key: 'dueDate', ja: '期限', en: 'Due date', width: 12 },
  { key: 'publishedAt', ja: '公開日', en: 'Published on', width: 12 },
  { key: 'resultState', ja: '結果の状態', en: 'Result state', width: 10 },
  { key: 'score', ja: '達成度（1〜5）', en: 'Achievement (1–5)', width: 8 },
  { key: 'level', ja: '達成度', en: 'Achievement', width: 14 },
  { key: 'actual', ja: '実績値', en: 'Actual value', width: 10 },
  { key: 'evidence', ja: '根拠', en: 'Evidence', width: 40 },
];

/** Fiscal years from `fromYear` to `toYear`, both included; null leaves that end open. */
export interface TargetExportFilter {
  fromYear: number | null;
  toYear: number | null;
  wardCode?: string | undefined;
}

const MIN_YEAR = 1989;
const MAX_YEAR = 2100;

/**
 * The filter of an export URL: `fiscalYear` (one year; the current one when no year is given)
 * or `fromYear`/`toYear` (a range, either end optional), and `ward`. Null when anything is
 * malformed, out of 1989–2100, reversed, or when fiscalYear is combined with a range.
 */
export function parseExportFilter(params: URLSearchParams, currentYear: number): TargetExportFilter | null {
  const year = (name: string): number | null | undefined => {
    const text = params.get(name);
    if (text === null) return null;
    const value = Number(text);
    return /^\d{4}$/.test(text) && value >= MIN_YEAR && value <= MAX_YEAR ? value : undefined;
  };
  const fiscalYear = year('fiscalYear');
  const fromYear = year('fromYear');
  const toYear = year('toYear');
  const wardCode = params.get('ward') ?? undefined;
  if (fiscalYear === undefined || fromYear === undefined || toYear === undefined) return null;
  if (wardCode !== undefined && !/^[a-z-]{1,40}$/.test(wardCode)) return null;
  if (fiscalYear !== null && (fromYear !== null || toYear !== null)) return null;
  if (fromYear !== null && toYear !== null && fromYear > toYear) return null;
  if (fromYear === null && toYear === null) {
    const only = fiscalYear ?? currentYear;
    return { fromYear: only, toYear: only, wardCode };
  }
  return { fromYear, toYear, wardCode };
}

const select = {
  id: true,
  fiscalYear: true,
  title: true,
  description: true,
  state: true,
  indicatorName: true,
  baselineValue: true,
  targetValue: true,
  unit: true,
  milestone: true,
  dueDate: true,
  publishedAt: true,
  section: { select: { name: true, nameEn: true, wardId: true, ward: { select: { name: true, nameEn: true } } } },
  standards: { select: { standard: { select: { code: true } } } },
  principles: { select: { principle: { select: { name: true, nameEn: true } } } },
  result: { select: { state: true, achievementLevel: true, actualValue: true, evidence: true } },
} satisfies Prisma.ImprovementTargetSelect;

type Row = Prisma.ImprovementTargetGetPayload<{ select: typeof select }>;

function whereFor(viewer: Viewer, filter: TargetExportFilter): Prisma.ImprovementTargetWhereInput {
  return {
    AND: [
      readableTargetsWhere(viewer),
      ...(filter.fromYear === filter.toYear
        ? [{ fiscalYear: filter.fromYear! }]
        : [
            ...(filter.fromYear === null ? [] : [{ fiscalYear: { gte: filter.fromYear } }]),
            ...(filter.toYear === null ? [] : [{ fiscalYear: { lte: filter.toYear } }]),
          ]),
      ...(filter.wardCode ? [{ section: { ward: { code: filter.wardCode } } }] : []),
    ],
  };
}

export function countExportRows(db: PrismaClient, viewer: Viewer, filter: TargetExportFilter): Promise<number> {
  return db.improvementTarget.count({ where: whereFor(viewer, filter) });
}

/** Pages of rows in a stable order, by cursor: constant memory whatever the size. */
async function* rows(db: PrismaClient, viewer: Viewer, filter: TargetExportFilter): AsyncGenerator<Row> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db.improvementTarget.findMany({
      where: whereFor(viewer, filter),
      select,
      orderBy: [{ id: 'asc' }],
      take: EXPORT_PAGE_SIZE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    yield* page;
    if (page.length < EXPORT_PAGE_SIZE) return;
    cursor = page[page.length - 1]!.id;
  }
}

function isoDate(value: Date | null): string {
  return value ? value.toISOString().slice(0, 10) : '';
}

function cells(row: Row, viewer: Viewer, locale: Locale): Record<string, string | number> {
  const pick = (n: { name: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.name);
  // The same rule as TargetResult's: published, or the viewer reads the ward's unpublished work.
  const result =
    row.result &&
    (row.result.state === 'PUBLISHED' || viewer.readsAll || viewer.readableWardIds().has(row.section.wardId))
      ? row.result
      : null;
  return {
    era: fiscalYearEraName(row.fiscalYear)[locale],
    year: row.fiscalYear,
    ward: pick(row.section.ward),
    section: pick(row.section),
    title: row.title,
    description: row.description,
    state: STATES[row.state][locale],
    standards: row.standards.map((s) => s.standard.code).join(' '),
    principles: row.principles.map((p) => pick(p.principle)).join(locale === 'en' ? '; ' : '、'),
    indicator: row.indicatorName ?? '',
    baseline: row.baselineValue?.toString() ?? '',
    targetValue: row.targetValue?.toString() ?? '',
    unit: row.unit ?? '',
    milestone: row.milestone ?? '',
    dueDate: isoDate(row.dueDate),
    publishedAt: isoDate(row.publishedAt),
    resultState: result ? RESULT_STATES[result.state][locale] : '',
    score: result ? ACHIEVEMENT[result.achievementLevel].score : '',
    level: result ? ACHIEVEMENT[result.achievementLevel][locale] : '',
    actual: result?.actualValue?.toString() ?? '',
    evidence: result?.evidence ?? '',
  };
}

/** RFC 4180: quote every field that needs it; a leading = + - @ is neutralised (CSV injection). */
export function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Resolves once the response has room again (at once if it has); rejects if the client left. */
function drained(res: ServerResponse): Promise<void> {
  if (!res.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    // Both listeners go when either fires: a long export waits for many drains.
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('drain', onDrain);
      reject(new Error('client went away'));
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

export function write(res: ServerResponse, chunk: string): Promise<void> {
  res.write(chunk);
  return drained(res);
}

/** The years in words: 令和8年度, 平成29年度〜令和8年度, 平成29年度以降, 令和8年度まで (and in English). */
export function yearsLabel(filter: TargetExportFilter, locale: Locale): string {
  const { fromYear, toYear } = filter;
  if (fromYear !== null && fromYear === toYear) return fiscalYearEraName(fromYear)[locale];
  if (locale === 'en') {
    if (fromYear === null) return `to FY${toYear}`;
    return toYear === null ? `FY${fromYear} on` : `FY${fromYear}–FY${toYear}`;
  }
  const era = (year: number) => fiscalYearEraName(year).ja;
  if (fromYear === null) return `${era(toYear!)}まで`;
  return toYear === null ? `${era(fromYear)}以降` : `${era(fromYear)}〜${era(toYear)}`;
}

/** shishin-targets-2026.csv, shishin-targets-2017-2026-nakahara.csv, …-from-2017, …-to-2026. */
export function exportFileName(filter: TargetExportFilter, extension: 'csv' | 'xlsx'): string {
  const { fromYear, toYear } = filter;
  const years =
    fromYear !== null && fromYear === toYear
      ? `${fromYear}`
      : fromYear === null
        ? `to-${toYear}`
        : toYear === null
          ? `from-${fromYear}`
          : `${fromYear}-${toYear}`;
  return `shishin-targets-${years}${filter.wardCode ? `-${filter.wardCode}` : ''}.${extension}`;
}

/** The name people see when they save the file (content-disposition's filename*). */
export function exportDownloadName(filter: TargetExportFilter, extension: 'csv' | 'xlsx', locale: Locale): string {
  const years = yearsLabel(filter, locale).replace(/\s+/g, '_');
  return `${locale === 'en' ? 'targets' : '区役所サービス向上目標'}_${years}${filter.wardCode ? `_${filter.wardCode}` : ''}.${extension}`;
}

export async function streamTargetsCsv(
  res: ServerResponse,
  db: PrismaClient,
  viewer: Viewer,
  filter: TargetExportFilter,
  locale: Locale,
): Promise<void> {
  await write(res, `\uFEFF${COLUMNS.map((c) => csvField(c[locale])).join(',')}\r\n`);
  let batch = '';
  for await (const row of rows(db, viewer, filter)) {
    const values = cells(row, viewer, locale);
    batch += `${COLUMNS.map((c) => csvField(values[c.key] ?? '')).join(',')}\r\n`;
    if (batch.length > 64 * 1024) {
      await write(res, batch);
      batch = '';
    }
  }
  if (batch) await write(res, batch);
  res.end();
}

export async function streamTargetsXlsx(
  res: ServerResponse,
  db: PrismaClient,
  viewer: Viewer,
  filter: TargetExportFilter,
  locale: Locale,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: true });
  // Sheet names: at most 31 characters, which every label here stays under.
  const single = filter.fromYear !== null && filter.fromYear === filter.toYear;
  const sheet = workbook.addWorksheet(
    locale === 'en'
      ? `Targets ${single ? `FY${filter.fromYear}` : yearsLabel(filter, 'en')}`
      : yearsLabel(filter, 'ja'),
    { views: [{ state: 'frozen', ySplit: 1 }] },
  );
  sheet.columns = COLUMNS.map((c) => ({ header: c[locale], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of rows(db, viewer, filter)) sheet.addRow(cells(row, viewer, locale)).commit();
  sheet.commit();
  await workbook.commit();
}
