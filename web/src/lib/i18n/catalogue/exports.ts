// ExportLinks ($lib/ExportLinks.svelte): download links for a fiscal year's targets and results,
// or (kind="compliance") its compliance matrix.
export const ja = {
  label: (what: string) => `${what}の目標と結果を書き出す`,
  what: (year: string, ward: string | null) => (ward ? `${year} ${ward}` : `${year} 全区`),
  linkText: (what: string, format: string) => `${what}の目標と結果を書き出す（${format}）`,
  csv: 'CSV',
  xlsx: 'Excel',
  csvLong: 'CSV形式、UTF-8',
  xlsxLong: 'Excel形式、.xlsx',
  complianceLabel: (what: string) => `${what}の基準適合状況を書き出す`,
  complianceLinkText: (what: string, format: string) => `${what}の基準適合状況を書き出す（${format}）`,
};

export const en: typeof ja = {
  label: (what: string) => `Export the targets and results of ${what}`,
  what: (year: string, ward: string | null) => (ward ? `${ward}, ${year}` : `all wards, ${year}`),
  linkText: (what: string, format: string) => `Export the targets and results of ${what} (${format})`,
  csv: 'CSV',
  xlsx: 'Excel',
  csvLong: 'CSV, UTF-8',
  xlsxLong: 'Excel (.xlsx)',
  complianceLabel: (what: string) => `Export the compliance matrix of ${what}`,
  complianceLinkText: (what: string, format: string) => `Export the compliance matrix of ${what} (${format})`,
};
