/**
 * Texts written by the city and the wards separate paragraphs with blank lines; lines inside
 * a paragraph (numbered items) keep their breaks (render with white-space: pre-line).
 */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
