// Reading the exports (/exports/*.csv, *.xlsx) back in tests, over real HTTP.

/** RFC 4180 parsing, enough for the checks here. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

/** The rows of a CSV export: UTF-8 after the byte-order mark Excel needs to read it as such. */
export function csvOf(bytes: Buffer): string[][] {
  return parseCsv(bytes.toString('utf8').slice(1));
}

/** GETs `path` from the server at `baseUrl`: the response, and its body as bytes. */
export async function downloadFrom(baseUrl: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}
