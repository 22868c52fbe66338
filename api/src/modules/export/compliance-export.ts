// The compliance matrix by 年度 as CSV (UTF-8 with a BOM) and XLSX: one row per fiscal year ×
// ward × standard in force, the same cells as GraphQL's `standardCompliance` (one statement
// for every year asked for), for the web app's compliance page and for reporting tools.
//
// CONCERNS:
// - The same rule and the same read rules as `standardCompliance`: published results, and
//   with includeUnpublished=true those of the wards the caller reads.
// - Small by construction (years × wards × standards), so the rows are counted before the
//   response starts; the file is still written row by row.
// - Years both ways, formula-safe cells and BOM: the targets export's writers.
import type { ServerResponse } from 'node:http';
import ExcelJS from 'exceljs';
import type { PrismaClient } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';
import type { Locale } from '../../context.ts';
import { fiscalYearEraName } from '../fiscal-year/fiscal-year.ts';
import { complianceMatrix, type ComplianceLevel, type ComplianceRow } from '../report/report.service.ts';
import { csvField, write, yearsLabel, type TargetExportFilter } from './targets-export.ts';

const LEVELS: Record<ComplianceLevel | 'NONE', { ja: string; en: string }> = {
  BELOW_MINIMUM: { ja: '最低基準未達', en: 'Below minimum' },
  AT_MINIMUM: { ja: '最低基準', en: 'At minimum' },
  TOWARDS_ASPIRATIONAL: { ja: '目指すべき姿へ', en: 'Towards aspirational' },
  ASPIRATIONAL: { ja: '目指すべき姿', en: 'Aspirational' },
  NONE: { ja: '結果なし', en: 'No results' },
};

const CATEGORIES = { SOFT: { ja: 'ソフト', en: 'Soft' }, HARD: { ja: 'ハード', en: 'Hard' } } as const;

const COLUMNS: { key: string; ja: string; en: string; width: number }[] = [
  { key: 'era', ja: '年度', en: 'Fiscal year', width: 12 },
  { key: 'year', ja: '年度（西暦）', en: 'Fiscal year (Gregorian)', width: 10 },
  { key: 'ward', ja: '区', en: 'Ward', width: 10 },
  { key: 'code', ja: '基準番号', en: 'Standard', width: 10 },
  { key: 'title', ja: '基準', en: 'Standard title', width: 36 },
  { key: 'category', ja: '区分', en: 'Category', width: 8 },
  { key: 'revision', ja: '適用した改定（年度）', en: 'Revision (fiscal year)', width: 12 },
  { key: 'level', ja: '適合状況', en: 'Compliance', width: 16 },
  { key: 'results', ja: '結果数', en: 'Results', width: 8 },
  { key: 'below', ja: '最低基準未達', en: 'Below minimum', width: 8 },
  { key: 'at', ja: '最低基準', en: 'At minimum', width: 8 },
  { key: 'towards', ja: '目指すべき姿へ', en: 'Towards aspirational', width: 8 },
  { key: 'aspirational', ja: '目指すべき姿', en: 'Aspirational', width: 8 },
];

export interface ComplianceExportFilter extends TargetExportFilter {
  includeUnpublished: boolean;
}

/**
 * The years of a compliance export: a range's open end is the current fiscal year (to) or the
 * first year any standard was in force (from); a range after the current year is kept as asked.
 */
async function yearsOf(db: PrismaClient, filter: TargetExportFilter, currentYear: number) {
  const toYear = filter.toYear ?? Math.max(currentYear, filter.fromYear ?? currentYear);
  let fromYear = filter.fromYear;
  if (fromYear === null) {
    const first = await db.standard.aggregate({ _min: { introducedFiscalYear: true } });
    fromYear = Math.min(first._min.introducedFiscalYear ?? toYear, toYear);
  }
  return { fromYear, toYear };
}

export interface ComplianceExport {
  /** The years and ward exported, open ends resolved (for the file's name and sheet). */
  filter: TargetExportFilter;
  rows: ComplianceRow[];
  wards: Map<string, { name: string; nameEn: string }>;
  standards: Map<string, { code: string; category: 'SOFT' | 'HARD' }>;
  revisions: Map<string, { fiscalYear: number; title: string; titleEn: string }>;
}

/** The matrix of every year asked for (one statement), and the names its cells refer to. */
export async function loadComplianceExport(
  db: PrismaClient,
  viewer: Viewer,
  filter: ComplianceExportFilter,
  currentYear: number,
): Promise<ComplianceExport> {
  const { fromYear, toYear } = await yearsOf(db, filter, currentYear);
  const ward = filter.wardCode ? await db.ward.findUnique({ where: { code: filter.wardCode } }) : null;
  const resolved = { fromYear, toYear, wardCode: filter.wardCode };
  if (filter.wardCode && !ward) {
    return { filter: resolved, rows: [], wards: new Map(), standards: new Map(), revisions: new Map() };
  }
  const rows = await complianceMatrix(
    { db, viewer },
    { fiscalYear: fromYear, toYear, wardId: ward?.id ?? null, includeUnpublished: filter.includeUnpublished },
  );
  const [wards, standards, revisions] = await Promise.all([
    db.ward.findMany({ select: { id: true, name: true, nameEn: true } }),
    db.standard.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.standardId))] } },
      select: { id: true, code: true, category: true },
    }),
    db.standardRevision.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.revisionId))] } },
      select: { id: true, fiscalYear: true, title: true, titleEn: true },
    }),
  ]);
  return {
    filter: resolved,
    rows,
    wards: new Map(wards.map((w) => [w.id, w])),
    standards: new Map(standards.map((s) => [s.id, s])),
    revisions: new Map(revisions.map((r) => [r.id, r])),
  };
}

function cells(data: ComplianceExport, row: ComplianceRow, locale: Locale): Record<string, string | number> {
  const ward = data.wards.get(row.wardId)!;
  const standard = data.standards.get(row.standardId)!;
  const revision = data.revisions.get(row.revisionId)!;
  return {
    era: fiscalYearEraName(row.fiscalYear)[locale],
    year: row.fiscalYear,
    ward: locale === 'en' ? ward.nameEn : ward.name,
    code: standard.code,
    title: locale === 'en' ? revision.titleEn : revision.title,
    category: CATEGORIES[standard.category][locale],
    revision: revision.fiscalYear,
    level: LEVELS[row.level ?? 'NONE'][locale],
    results: row.resultCount,
    below: row.belowMinimumCount,
    at: row.atMinimumCount,
    towards: row.towardsAspirationalCount,
    aspirational: row.aspirationalCount,
  };
}

/** shishin-compliance-2025.csv, shishin-compliance-2017-2026-nakahara.xlsx, … */
export function complianceFileName(filter: TargetExportFilter, extension: 'csv' | 'xlsx'): string {
  const { fromYear, toYear } = filter;
  const years =
    fromYear !== null && fromYear === toYear
      ? `${fromYear}`
      : fromYear === null
        ? `to-${toYear}`
        : toYear === null
          ? `from-${fromYear}`
          : `${fromYear}-${toYear}`;
  return `shishin-compliance-${years}${filter.wardCode ? `-${filter.wardCode}` : ''}.${extension}`;
}

/** The name people see when they save the file: 基準適合状況_令和7年度.csv. */
export function complianceDownloadName(filter: TargetExportFilter, extension: 'csv' | 'xlsx', locale: Locale): string {
  const years = yearsLabel(filter, locale).replace(/\s+/g, '_');
  return `${locale === 'en' ? 'compliance' : '基準適合状況'}_${years}${filter.wardCode ? `_${filter.wardCode}` : ''}.${extension}`;
}

export async function streamComplianceCsv(res: ServerResponse, data: ComplianceExport, locale: Locale): Promise<void> {
  await write(res, `\uFEFF${COLUMNS.map((c) => csvField(c[locale])).join(',')}\r\n`);
  let batch = '';
  for (const row of data.rows) {
    const values = cells(data, row, locale);
    batch += `${COLUMNS.map((c) => csvField(values[c.key] ?? '')).join(',')}\r\n`;
    if (batch.length > 64 * 1024) {
      await write(res, batch);
      batch = '';
    }
  }
  if (batch) await write(res, batch);
  res.end();
}

export async function streamComplianceXlsx(res: ServerResponse, data: ComplianceExport, locale: Locale): Promise<void> {
  const { filter } = data;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: true });
  // Sheet names: at most 31 characters.
  const sheet = workbook.addWorksheet(
    (locale === 'en' ? `Compliance ${yearsLabel(filter, 'en')}` : `基準適合状況 ${yearsLabel(filter, 'ja')}`).slice(
      0,
      31,
    ),
    { views: [{ state: 'frozen', ySplit: 1 }] },
  );
  sheet.columns = COLUMNS.map((c) => ({ header: c[locale], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const row of data.rows) sheet.addRow(cells(data, row, locale)).commit();
  sheet.commit();
  await workbook.commit();
}
