import { MAX_CHOICE_LABEL, MAX_REPLY_TEXT } from '../types.js';

/** Cuts text to `max` characters at a paragraph, line or word boundary, marking the cut. */
export function boundText(text: string, max: number = MAX_REPLY_TEXT): string {
  if (text.length <= max) return text;
  const room = max - 1;
  const slice = text.slice(0, room);
  const cut = Math.max(slice.lastIndexOf('\n\n'), slice.lastIndexOf('\n'), slice.lastIndexOf(' '));
  return `${slice.slice(0, cut > room / 2 ? cut : room).trimEnd()}…`;
}

export function boundLabel(label: string): string {
  return label.length <= MAX_CHOICE_LABEL ? label : `${label.slice(0, MAX_CHOICE_LABEL - 1)}…`;
}
