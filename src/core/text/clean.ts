import { looksForeign } from './language.js';

/**
 * Turns raw chat text into what the classifier should read, and flags input that deserves
 * a polite special reply instead of a guess (empty, too long, code only, no words, another language).
 */

export const MAX_INPUT_CHARS = 2000;

export type InputProblem = 'empty' | 'too_long' | 'code_only' | 'no_words' | 'other_language';

export interface CleanInput {
  text: string;
  problem?: InputProblem;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;
const CODE_BLOCK = /```[\s\S]*?(```|$)/g;
// Slack (<@U1>, <#C1|x>, <!here>, <https://…|label>) and Discord (<@1>, <@!1>, <@&1>, <#1>, <:emoji:1>) markup.
const PLATFORM_TOKENS = /<(?:[@#!][^>]*|a?:\w+:\d+)>/g;
const SLACK_LINK = /<(https?:\/\/[^>|]+)(?:\|([^>]*))?>/g;
const URL = /https?:\/\/\S+/g;
const BROADCAST = /@(?:everyone|here|channel)\b/gi;
const LETTERS = /\p{L}/gu;
const LATIN = /[a-z]/gi;

// Most chat lines are printable ASCII with no markup, code, link or mention: only spacing and language need a look.
const PLAIN = /^[ -;=?A-Z[\]\\^_a-z{}~]*$/;

export function cleanInput(raw: string): CleanInput {
  if (raw.length <= MAX_INPUT_CHARS && PLAIN.test(raw) && !raw.includes('http')) {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text === '') return { text: '', problem: 'empty' };
    if (!/[a-z]/i.test(text)) return { text, problem: 'no_words' };
    return looksForeign(text) ? { text, problem: 'other_language' } : { text };
  }
  if (raw.length > MAX_INPUT_CHARS * 4) return { text: '', problem: 'too_long' };
  const withoutControls = raw.replace(CONTROL, ' ').normalize('NFKC');
  if (withoutControls.trim() === '') return { text: '', problem: 'empty' };
  if (withoutControls.length > MAX_INPUT_CHARS) return { text: '', problem: 'too_long' };

  const withoutCode = withoutControls.replace(CODE_BLOCK, ' ');
  const text = withoutCode
    .replace(SLACK_LINK, (_m, _url: string, label?: string) => label ?? ' ')
    .replace(PLATFORM_TOKENS, ' ')
    .replace(URL, ' ')
    .replace(BROADCAST, ' ')
    .replace(/\s+/g, ' ')
    .trim();

  if (text === '') return { text, problem: withoutCode.trim() === '' ? 'code_only' : 'no_words' };
  const letters = text.match(LETTERS)?.length ?? 0;
  if (letters === 0) return { text, problem: 'no_words' };
  const latin = text.match(LATIN)?.length ?? 0;
  if (latin / letters < 0.5 || looksForeign(text)) return { text, problem: 'other_language' };
  return { text };
}
