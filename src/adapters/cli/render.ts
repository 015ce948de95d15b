import { assertNever, type Reply } from '../../core/types.js';

export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const plainStyle: TerminalStyle = { bold: (t) => t, dim: (t) => t };
export const ansiStyle: TerminalStyle = { bold: (t) => `\x1b[1m${t}\x1b[22m`, dim: (t) => `\x1b[2m${t}\x1b[22m` };

function markup(text: string, style: TerminalStyle): string {
  return text.replace(/\*\*(.+?)\*\*/g, (_m, inner: string) => style.bold(inner)).replace(/`([^`]+)`/g, (_m, inner: string) => inner);
}

function header(reply: Reply, style: TerminalStyle): string | undefined {
  switch (reply.kind) {
    case 'verdict':
      return style.bold(`Verdict: ${reply.recommendation.verdict}`);
    case 'question': // its text already says "Question 2 of 8"
    case 'answer':
    case 'clarify':
    case 'fallback':
    case 'notice':
      return undefined;
    default:
      return assertNever(reply);
  }
}

/** A reply as terminal text: the text, numbered choices, then sources. */
export function renderTerminal(reply: Reply, style: TerminalStyle = plainStyle): string {
  const parts: string[] = [];
  const head = header(reply, style);
  if (head) parts.push(head);
  parts.push(markup(reply.text, style));
  if (reply.choices.length > 0) parts.push(reply.choices.map((c, i) => `  ${i + 1}) ${c.label}`).join('\n'));
  if (reply.sources.length > 0) {
    parts.push(style.dim(`Sources: ${reply.sources.map((s) => (s.url ? `${s.title} <${s.url}>` : s.title)).join('; ')}`));
  }
  return parts.join('\n\n');
}

/** The plain text of a reply for machine output: markup removed, choices and sources left to their own fields. */
export function plainText(reply: Reply): string {
  return markup(reply.text, plainStyle);
}
