// Fills for the charts: every series has a colour at least 3:1 against white (WCAG 1.4.11)
// AND its own pattern, so no series is told apart by colour alone.
export type Pattern = 'solid' | 'stripes' | 'dots' | 'cross' | 'lines';

export interface SeriesStyle {
  color: string;
  pattern: Pattern;
}

export const ACHIEVEMENT_STYLES: Record<string, SeriesStyle> = {
  GREATLY_EXCEEDED: { color: '#1e6b3a', pattern: 'solid' },
  EXCEEDED: { color: '#2f7d4a', pattern: 'stripes' },
  ACHIEVED: { color: '#1c4a7e', pattern: 'dots' },
  BELOW: { color: '#a34f06', pattern: 'cross' },
  GREATLY_BELOW: { color: '#b42318', pattern: 'lines' },
};

export const STATE_STYLES: Record<string, SeriesStyle> = {
  DRAFT: { color: '#5f6673', pattern: 'dots' },
  IN_REVIEW: { color: '#9a5b00', pattern: 'stripes' },
  CHANGES_REQUESTED: { color: '#b42318', pattern: 'cross' },
  APPROVED: { color: '#2f7d4a', pattern: 'lines' },
  PUBLISHED: { color: '#1e6b3a', pattern: 'solid' },
};

export const COMPLIANCE_STYLES: Record<string, SeriesStyle & { symbol: string }> = {
  BELOW_MINIMUM: { color: '#b42318', pattern: 'cross', symbol: '✕' },
  AT_MINIMUM: { color: '#9a5b00', pattern: 'dots', symbol: '△' },
  TOWARDS_ASPIRATIONAL: { color: '#1c4a7e', pattern: 'stripes', symbol: '○' },
  ASPIRATIONAL: { color: '#1e6b3a', pattern: 'solid', symbol: '◎' },
};
