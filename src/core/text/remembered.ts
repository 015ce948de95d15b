/**
 * One turn reads the same text in several places (classifier, ranking, scope, dialogue): a function of the text alone
 * is computed once per text, and the last few results are kept. Callers get the shared result, so it must be read-only.
 */
const RECENT_LIMIT = 64;

export function remembered<T>(compute: (text: string) => T): (text: string) => T {
  const recent = new Map<string, T>();
  return (text) => {
    let value = recent.get(text);
    if (value === undefined) {
      value = compute(text);
      if (recent.size >= RECENT_LIMIT) recent.clear();
      recent.set(text, value);
    }
    return value;
  };
}
