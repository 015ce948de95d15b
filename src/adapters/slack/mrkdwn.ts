import { splitText } from '../../core/text/split.js';

/**
 * Text for Slack: the core's tiny markup becomes mrkdwn, and every piece of text is escaped
 * (`&`, `<`, `>`) so no reply can carry `<!channel>`, `<!here>` or `<@U…>` and ping anyone.
 */

export function escapeText(raw: string): string {
  return raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The inverse of escapeText, for text Slack sends us (it arrives escaped). */
export function unescapeText(escaped: string): string {
  return escaped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Core markup (blank-line paragraphs, "- " bullets, `**bold**`, `` `code` ``) to escaped Slack mrkdwn. */
export function toMrkdwn(markup: string): string {
  return escapeText(markup.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => (line.startsWith('- ') ? `• ${line.slice(2)}` : line))
    .join('\n')
    .replace(/\*\*(.+?)\*\*/g, '*$1*');
}

/** Escapes `raw` and cuts it to `max` characters (marker included) without splitting an entity or a surrogate pair. */
export function escapeWithin(raw: string, max: number, marker: string): string {
  const full = escapeText(raw);
  if (full.length <= max) return full;
  let out = '';
  for (const ch of raw) {
    const piece = escapeText(ch);
    if (out.length + piece.length + marker.length > max) break;
    out += piece;
  }
  return out + marker;
}

/** Cuts already-escaped text to `max` characters (marker included), never inside `&amp;`-style entities. */
export function cutEscaped(text: string, max: number, marker: string): string {
  if (text.length <= max) return text;
  return safeSlice(text, Math.max(0, max - marker.length)) + marker;
}

/** Splits escaped mrkdwn into pieces of at most `max` characters: at paragraphs, then lines, then words, then anywhere but inside an entity. */
export function chunkText(text: string, max: number): string[] {
  return splitText(text, max, hardCut);
}

function hardCut(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const head = safeSlice(rest, max);
    out.push(head);
    rest = rest.slice(head.length);
  }
  if (rest !== '') out.push(rest);
  return out;
}

/** The longest prefix of at most `max` characters that ends neither inside an entity nor between surrogate halves. */
function safeSlice(text: string, max: number): string {
  let end = Math.min(max, text.length);
  const amp = text.lastIndexOf('&', end - 1);
  if (amp >= 0 && amp > end - 5) {
    const semi = text.indexOf(';', amp);
    if (semi >= end) end = amp;
  }
  const code = text.charCodeAt(end - 1);
  if (end > 0 && end < text.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return end > 0 ? text.slice(0, end) : text.slice(0, Math.min(max, text.length));
}
