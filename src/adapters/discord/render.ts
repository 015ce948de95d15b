import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
} from 'discord.js';
import { assertNever, type Choice, type Reply, type Source } from '../../core/types.js';
import { MAX_MESSAGE_LENGTH, splitText } from './split.js';
import type { DiscordWords } from './words.js';

/** Marks our buttons so a click on someone else's component is never mistaken for a choice. */
export const CUSTOM_ID_PREFIX = 'rw:';
export const MAX_CUSTOM_ID = 100;
export const MAX_BUTTON_LABEL = 80;
export const MAX_BUTTONS_PER_ROW = 5;
export const MAX_ROWS = 5;
const MAX_SOURCES_SHOWN = 5;
const MAX_SOURCE_TITLE = 80;

/** Sent with every message: nothing in the text (@everyone, @here, roles, users) ever pings anyone. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], repliedUser: false });

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One Discord message: plain content, optional button rows, and the no-ping rule. */
export interface DiscordMessage {
  content: string;
  components: ButtonRow[];
  allowedMentions: typeof NO_MENTIONS;
}

/**
 * A core reply as one or more Discord messages, in order. Long text is split on paragraph
 * boundaries; sources go last as a small subtext line; buttons hang under the last message.
 * `prefix` starts the first message on its first line, `heading` as a line of its own (both before
 * splitting, so they count toward the limit).
 */
export function renderReply(reply: Reply, words: DiscordWords, opts: { prefix?: string; heading?: string } = {}): DiscordMessage[] {
  const text = opts.prefix ? `${opts.prefix} ${bodyOf(reply)}` : bodyOf(reply);
  const body = opts.heading ? `${opts.heading}\n${text}` : text;
  const sources = sourcesLine(reply.sources, words);
  const pieces = splitText(body);
  const last = pieces.at(-1);
  if (sources && last !== undefined && last.length + 1 + sources.length <= MAX_MESSAGE_LENGTH) {
    pieces[pieces.length - 1] = `${last}\n${sources}`;
  } else if (sources) {
    pieces.push(...splitText(sources));
  }
  const rows = renderButtons(reply.choices);
  if (pieces.length === 0 && rows.length === 0) return [];
  if (pieces.length === 0) pieces.push('\u200b'); // Discord needs some content next to buttons.
  return pieces.map((content, i) => ({
    content,
    components: i === pieces.length - 1 ? rows : [],
    allowedMentions: NO_MENTIONS,
  }));
}

function bodyOf(reply: Reply): string {
  switch (reply.kind) {
    // The core already words a dialogue step's progress ("Question 2 of 5") into the text.
    case 'question':
    case 'answer':
    case 'clarify':
    case 'verdict':
    case 'fallback':
    case 'notice':
      return reply.text;
    default:
      return assertNever(reply);
  }
}

/** A subtext line of links; `<url>` keeps Discord from unfurling a preview per source. */
export function sourcesLine(sources: Source[], words: DiscordWords): string | null {
  if (sources.length === 0) return null;
  const items = sources.slice(0, MAX_SOURCES_SHOWN).map((s) => {
    const title = escapeLinkText(truncate(s.title, MAX_SOURCE_TITLE));
    return s.url && /^https?:\/\//.test(s.url) ? `[${title}](<${s.url}>)` : title;
  });
  return `-# ${words.sources} ${items.join(' · ')}`;
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

/** Choices as rows of up to five buttons; anything past 25 buttons or with an oversized id is dropped. */
export function renderButtons(choices: Choice[]): ButtonRow[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const choice of choices) {
    const customId = toCustomId(choice.id);
    if (customId === null || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      style: buttons.length === 0 ? ButtonStyle.Primary : ButtonStyle.Secondary,
      label: truncate(choice.label, MAX_BUTTON_LABEL),
      custom_id: customId,
    });
  }
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < MAX_ROWS; i += MAX_BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + MAX_BUTTONS_PER_ROW) });
  }
  return rows;
}

export function toCustomId(choiceId: string): string | null {
  const customId = CUSTOM_ID_PREFIX + choiceId;
  return choiceId.length > 0 && customId.length <= MAX_CUSTOM_ID ? customId : null;
}

/** The choice id behind one of our buttons, or null for anything else. */
export function fromCustomId(customId: string): string | null {
  if (!customId.startsWith(CUSTOM_ID_PREFIX)) return null;
  const choiceId = customId.slice(CUSTOM_ID_PREFIX.length);
  return choiceId.length > 0 ? choiceId : null;
}

/**
 * The rows of a clicked message with every button disabled and the chosen one shown in green,
 * so the message records what was picked and cannot be answered twice. Other components stay as they are.
 */
export function lockButtons(rows: readonly unknown[], chosenCustomId: string): unknown[] {
  return rows.map((row) => {
    if (!isRecord(row) || row['type'] !== ComponentType.ActionRow || !Array.isArray(row['components'])) return row;
    return {
      ...row,
      components: row['components'].map((component: unknown) => {
        if (!isRecord(component) || component['type'] !== ComponentType.Button) return component;
        if (component['style'] === ButtonStyle.Link || component['style'] === ButtonStyle.Premium) {
          return component;
        }
        const chosen = component['custom_id'] === chosenCustomId;
        return { ...component, disabled: true, style: chosen ? ButtonStyle.Success : ButtonStyle.Secondary };
      }),
    };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = '';
  // Whole code points only, and within `max` UTF-16 units, which is how Discord counts.
  for (const ch of text) {
    if (cut.length + ch.length > max - 1) break;
    cut += ch;
  }
  return `${cut}…`;
}
