import type { Choice, Inbound, Platform } from '../../core/types.js';

/** Lowercase words and numbers only: how typed labels and logged messages are compared. */
export const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A typed number or a choice's label (any case, emoji and punctuation aside) picks that choice; anything else is a message. */
export function resolveChoice(text: string, offered: readonly Choice[]): string | undefined {
  if (offered.length === 0) return undefined;
  const typed = text.trim();
  if (/^\d{1,2}$/.test(typed)) return offered[Number(typed) - 1]?.id;
  const wanted = words(typed);
  return wanted === '' ? undefined : offered.find((c) => words(c.label) === wanted)?.id;
}

export function toInbound(text: string, session: string, platform: Platform, offered: readonly Choice[]): Inbound {
  const choiceId = resolveChoice(text, offered);
  const base = { conversationId: `${platform}:${session}`, userId: `${platform}:${session}`, platform };
  return choiceId ? { ...base, text: '', choiceId } : { ...base, text };
}
