/** Parses Prometheus text into `name{labels}` → value, labels in the order they were written. */
export function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    values.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return values;
}

export async function scrape(url: string): Promise<{ status: number; contentType: string | null; values: Map<string, number>; text: string }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), values: parseMetrics(text), text };
}
