import { describe, expect, it } from 'vitest';
import {
  clickLocksMessage,
  conversationIdFor,
  parseButton,
  parseCommand,
  parseMessage,
  stripBotMention,
  type MessageFacts,
} from '../../../src/adapters/discord/parse.js';

const BOT = '1100000000000000001';
const facts = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  messageId: 'm1',
  guildId: 'g1',
  channelId: 'c1',
  userId: 'u1',
  authorIsBot: false,
  isSystem: false,
  content: `<@${BOT}> what is kvm?`,
  mentionedUserIds: [BOT],
  repliedToUserId: null,
  ...over,
});

describe('parseMessage', () => {
  it('GIVEN a mention in a channel THEN the question without the mention, in a per-user conversation', () => {
    expect(parseMessage(facts(), BOT)).toEqual({
      text: 'what is kvm?',
      conversationId: 'discord:g1:c1:u1',
      userId: 'discord:u1',
      platform: 'discord',
    });
  });

  it('GIVEN a nickname mention in the middle THEN it is removed too', () => {
    expect(stripBotMention(`is <@!${BOT}> able to compare docker vs podman?`, BOT)).toBe('is able to compare docker vs podman?');
  });

  it('GIVEN a DM THEN it is answered without a mention, one conversation per DM channel', () => {
    const inbound = parseMessage(facts({ guildId: null, content: 'docker vs podman', mentionedUserIds: [] }), BOT);
    expect(inbound?.text).toBe('docker vs podman');
    expect(inbound?.conversationId).toBe('discord:dm:c1');
  });

  it('GIVEN a reply to the bot THEN it continues the dialogue', () => {
    expect(parseMessage(facts({ content: 'yes', mentionedUserIds: [], repliedToUserId: BOT }), BOT)?.text).toBe('yes');
  });

  it('ignores bots, itself, system messages, unaddressed chatter, @everyone alone and unreadable content', () => {
    expect(parseMessage(facts({ authorIsBot: true }), BOT)).toBeNull();
    expect(parseMessage(facts({ userId: BOT }), BOT)).toBeNull();
    expect(parseMessage(facts({ isSystem: true }), BOT)).toBeNull();
    expect(parseMessage(facts({ content: 'lunch?', mentionedUserIds: [] }), BOT)).toBeNull();
    expect(parseMessage(facts({ content: '@everyone what is kvm', mentionedUserIds: [] }), BOT)).toBeNull();
    expect(parseMessage(facts({ content: '', mentionedUserIds: [], repliedToUserId: BOT }), BOT)).toBeNull();
  });

  it('GIVEN a huge message THEN the core gets a bounded text', () => {
    expect(parseMessage(facts({ content: `<@${BOT}> ${'a'.repeat(20_000)}` }), BOT)?.text.length).toBeLessThanOrEqual(4096);
  });
});

describe('commands and buttons', () => {
  const place = { guildId: 'g1', channelId: 'c1', userId: 'u1' };
  it('maps each subcommand to the core entry point', () => {
    expect(parseCommand('ask', ' what is lxc? ', place)).toMatchObject({ text: 'what is lxc?' });
    expect(parseCommand('recommend', null, place)).toMatchObject({ choiceId: 'start:recommend', text: '' });
    expect(parseCommand('tour', null, place)).toMatchObject({ choiceId: 'start:tour' });
    expect(parseCommand('help', null, place)).toMatchObject({ choiceId: 'meta:help' });
  });

  it('GIVEN a click THEN the choice id goes back untouched, in the clicker’s conversation', () => {
    expect(parseButton('rw:rec:isolation:strong', place)).toMatchObject({
      choiceId: 'rec:isolation:strong',
      conversationId: conversationIdFor(place),
    });
    expect(parseButton('someone-else', place)).toBeNull();
  });

  it('locks a message for its owner or when the owner is unknown, not for a bystander', () => {
    expect(clickLocksMessage('u1', 'u1')).toBe(true);
    expect(clickLocksMessage(null, 'u1')).toBe(true);
    expect(clickLocksMessage('u1', 'u2')).toBe(false);
  });
});

describe('conversations in other people’s DMs (user install)', () => {
  it('GIVEN two people using runwise in their DM together THEN each has a dialogue of their own', () => {
    const alice = conversationIdFor({ guildId: null, channelId: 'd1', userId: 'u1', otherDm: true });
    const bob = conversationIdFor({ guildId: null, channelId: 'd1', userId: 'u2', otherDm: true });
    expect(alice).not.toBe(bob);
    expect(alice).not.toBe(conversationIdFor({ guildId: null, channelId: 'd1', userId: 'u1' }));
  });
});
