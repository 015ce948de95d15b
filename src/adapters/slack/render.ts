import type { types } from '@slack/bolt';
import { fill } from '../../core/messages.js';
import { assertNever, type Choice, type Reply, type Source } from '../../core/types.js';
import type { SlackMessages } from './messages.js';
import { chunkText, cutEscaped, escapeText, escapeWithin, toMrkdwn, unescapeText } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;

/** Block Kit limits (docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  sectionText: 3000,
  contextText: 3000,
  messageBlocks: 50,
  homeBlocks: 100,
  buttonLabel: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  fallbackText: 3000,
} as const;

/** Every button's action_id is `rw:<index>`; the actions block's block_id is `rw:<conversationId>`. */
export const ACTION_PREFIX = 'rw:';
export const ACTION_ID_PATTERN = /^rw:\d+$/;

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers (escaped mrkdwn). */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  messages: SlackMessages;
  /** Carried in the buttons' block_id, so a click continues the right dialogue wherever it lands. */
  conversationId?: string;
  maxBlocks?: number;
  /** Text the reply answers, quoted (escaped and shortened) in a context line above it. */
  quote?: string;
}

/** How much of a quoted message is shown above its answer. */
export const QUOTE_MAX = 200;

export function renderReply(reply: Reply, options: RenderOptions): SlackMessage {
  const { messages } = options;
  const framed = frame(reply);
  const before = options.quote === undefined ? framed.before : [quoteBlock(options.quote, messages), ...framed.before];
  const after = framed.after;
  const tail: KnownBlock[] = [...after, ...sourcesBlock(reply.sources, messages), ...actionsBlock(reply.choices, options.conversationId, messages)];
  const room = Math.max(1, (options.maxBlocks ?? LIMITS.messageBlocks) - before.length - tail.length);
  return {
    text: cutEscaped(toMrkdwn(reply.text), LIMITS.fallbackText, messages.truncated),
    blocks: [...before, ...sections(reply.text, room, messages), ...tail],
  };
}

/** The App Home tab: the same reply, as a view. */
export function renderHome(reply: Reply, messages: SlackMessages): types.HomeView {
  return { type: 'home', blocks: renderReply(reply, { messages, maxBlocks: LIMITS.homeBlocks }).blocks };
}

/** What kind-specific blocks surround the text. */
function frame(reply: Reply): { before: KnownBlock[]; after: KnownBlock[] } {
  switch (reply.kind) {
    case 'verdict':
      // The verdict ends the dialogue: set it apart from what follows (sources, "start again").
      return { before: [], after: [{ type: 'divider' }] };
    // The core words a dialogue step's progress ("Question 2 of 5") into the text itself.
    case 'question':
    case 'answer':
    case 'clarify':
    case 'fallback':
    case 'notice':
      return { before: [], after: [] };
    default:
      return assertNever(reply);
  }
}

function sections(markup: string, room: number, messages: SlackMessages): KnownBlock[] {
  const pieces = chunkText(toMrkdwn(markup), LIMITS.sectionText);
  if (pieces.length > room) {
    pieces.length = room;
    const last = pieces[room - 1] ?? '';
    pieces[room - 1] = cutEscaped(`${last}${messages.truncated}`, LIMITS.sectionText, messages.truncated);
  }
  // verbatim: Slack must not auto-link or auto-mention anything in our text.
  return pieces.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } }));
}

function sourcesBlock(sources: Source[], messages: SlackMessages): KnownBlock[] {
  if (sources.length === 0) return [];
  let line = escapeText(messages.sources);
  for (const [i, source] of sources.entries()) {
    const piece = `${i === 0 ? ' ' : ' · '}${sourceLink(source)}`;
    if (line.length + piece.length > LIMITS.contextText - messages.truncated.length - 1) {
      line += ` ${messages.truncated}`;
      break;
    }
    line += piece;
  }
  return [contextBlock(line)];
}

function sourceLink(source: Source): string {
  const title = escapeWithin(source.title, 200, '…').replace(/\|/g, '¦');
  if (!source.url || !/^https?:\/\/[^\s<>|]+$/.test(source.url)) return title;
  return `<${escapeText(source.url)}|${title}>`;
}

function actionsBlock(choices: Choice[], conversationId: string | undefined, messages: SlackMessages): KnownBlock[] {
  const buttons: types.Button[] = [];
  for (const [index, choice] of choices.entries()) {
    if (choice.id.length === 0 || choice.id.length > LIMITS.buttonValue) continue;
    buttons.push({
      type: 'button',
      action_id: `${ACTION_PREFIX}${index}`,
      value: choice.id,
      text: { type: 'plain_text', text: escapeWithin(choice.label, LIMITS.buttonLabel, messages.truncated), emoji: true },
    });
  }
  if (buttons.length === 0) return [];
  const blockId = `${ACTION_PREFIX}${conversationId ?? ''}`;
  return [{ type: 'actions', block_id: blockId.length <= LIMITS.blockId ? blockId : ACTION_PREFIX, elements: buttons.slice(0, 25) }];
}

/** Quoted words are someone else's: shortened, and escaped like everything else, so they cannot ping anyone. */
function quoteBlock(quote: string, messages: SlackMessages): KnownBlock {
  const line = quote.replace(/\s+/g, ' ').trim();
  const short = line.length <= QUOTE_MAX ? line : `${[...line].slice(0, QUOTE_MAX - 1).join('').trimEnd()}${messages.truncated}`;
  return contextBlock(escapeWithin(fill(messages.shortcut.asked, { text: short }), LIMITS.contextText, messages.truncated));
}

function contextBlock(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn, verbatim: true }] };
}

/**
 * The clicked message as it should look afterwards: the clicked actions block becomes a context line
 * "✓ <label>", so the same buttons cannot be clicked twice.
 */
export function renderChosen(blocks: readonly KnownBlock[], blockId: string, label: string, messages: SlackMessages): KnownBlock[] {
  const done = chosenBlock(label, messages);
  const replaced = blocks.map((block) => (block.type === 'actions' && block.block_id === blockId ? done : block));
  return replaced.some((block) => block === done) ? replaced : [...replaced, done];
}

export function chosenBlock(label: string, messages: SlackMessages): KnownBlock {
  // The label comes back from Slack as shown; decode first so escaping stays idempotent.
  const text = escapeWithin(fill(messages.chosen, { label: unescapeText(label) }), LIMITS.contextText, messages.truncated);
  return contextBlock(text);
}
