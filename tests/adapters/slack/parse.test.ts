import { describe, expect, it } from 'vitest';
import {
  cleanText,
  parseAction,
  parseCommand,
  parseMention,
  parseMessage,
  type BlockActionLike,
  type MessageEventLike,
} from '../../../src/adapters/slack/parse.js';
import { fixture } from './signed.js';

const BOT = 'U0RUNBOT';
const event = (name: string) => fixture<{ team_id: string; event: MessageEventLike }>(name);

describe('parse: text', () => {
  it('removes the bot mention and decodes what Slack escaped', () => {
    expect(cleanText('<@U0RUNBOT> is 1 &lt; 2 &amp;&amp; 3 &gt; 2?', BOT)).toBe('is 1 < 2 && 3 > 2?');
    expect(cleanText('<@U0RUNBOT|runwise> hi', BOT)).toBe('hi');
  });

  it('turns other markup into readable text', () => {
    expect(cleanText('ask <@U0EVE> in <#C0OPS|ops> about <https://kvm.org|KVM> <!here>', BOT)).toBe('ask @U0EVE in #ops about KVM @here');
  });
});

describe('parse: events', () => {
  it('GIVEN an app_mention THEN the question without the mention, answered in a thread under it', () => {
    const { team_id, event: e } = event('app_mention');
    const parsed = parseMention(e, team_id, BOT)!;
    expect(parsed.inbound).toEqual({
      text: 'what is a hypervisor?',
      conversationId: 'slack:T0RUNWISE:C0GENERAL:1712000000.000100',
      userId: 'slack:T0RUNWISE:U0ALICE',
      platform: 'slack',
    });
    expect(parsed.place).toEqual({ kind: 'thread', channel: 'C0GENERAL', threadTs: '1712000000.000100' });
  });

  it('GIVEN a mention inside a thread THEN the answer joins that thread', () => {
    const { team_id, event: e } = event('app_mention');
    const parsed = parseMention({ ...e, thread_ts: '1711999999.000001' }, team_id, BOT)!;
    expect(parsed.place).toEqual({ kind: 'thread', channel: 'C0GENERAL', threadTs: '1711999999.000001' });
    expect(parsed.inbound.conversationId).toBe('slack:T0RUNWISE:C0GENERAL:1711999999.000001');
  });

  it('GIVEN a DM THEN one conversation per DM channel', () => {
    const { team_id, event: e } = event('message_im');
    const result = parseMessage(e, team_id, BOT);
    expect(result.kind).toBe('dm');
    if (result.kind !== 'dm') return;
    expect(result.parsed.inbound.conversationId).toBe('slack:T0RUNWISE:D0ALICE');
    expect(result.parsed.place).toEqual({ kind: 'dm', channel: 'D0ALICE' });
  });

  it('GIVEN a thread reply without a mention THEN a thread candidate (answered only where a dialogue waits)', () => {
    const { team_id, event: e } = event('message_thread');
    const result = parseMessage(e, team_id, BOT);
    expect(result.kind).toBe('thread');
  });

  it.each([
    ['its own message', 'message_bot_own'],
    ['an edit', 'message_changed'],
  ])('ignores %s', (_what, name) => {
    const { team_id, event: e } = event(name);
    expect(parseMessage(e, team_id, BOT).kind).toBe('ignore');
  });

  it('ignores joins, other bots, top-level channel chatter and messages that mention the bot (app_mention answers those)', () => {
    const { team_id, event: e } = event('message_thread');
    expect(parseMessage({ ...e, subtype: 'channel_join' }, team_id, BOT).kind).toBe('ignore');
    expect(parseMessage({ ...e, bot_id: 'B0OTHER' }, team_id, BOT).kind).toBe('ignore');
    expect(parseMessage({ ...e, subtype: 'bot_message' }, team_id, BOT).kind).toBe('ignore');
    expect(parseMessage({ ...e, thread_ts: undefined }, team_id, BOT).kind).toBe('ignore');
    expect(parseMessage({ ...e, text: '<@U0RUNBOT> hi' }, team_id, BOT).kind).toBe('ignore');
  });
});

describe('parse: /runwise', () => {
  const command = (text: string, channel_id = 'C0GENERAL') => ({ ...fixture<Record<string, string>>('slash_command'), text, channel_id }) as never;

  it.each([
    ['', 'meta:help', 'ephemeral'],
    ['help', 'meta:help', 'ephemeral'],
    ['recommend', 'start:recommend', 'in_channel'],
    ['Tour', 'start:tour', 'in_channel'],
  ])('"/runwise %s" → %s (%s)', (text, choiceId, visibility) => {
    const parsed = parseCommand(command(text));
    expect(parsed.inbound.choiceId).toBe(choiceId);
    expect(parsed.visibility).toBe(visibility);
  });

  it('a question is passed as text, answered in the channel, in the user’s own dialogue there', () => {
    const parsed = parseCommand(command('what is a hypervisor?'));
    expect(parsed.inbound).toMatchObject({ text: 'what is a hypervisor?', conversationId: 'slack:T0RUNWISE:C0GENERAL:u:U0ALICE' });
    expect(parsed.inbound.choiceId).toBeUndefined();
    expect(parsed.place).toEqual({ kind: 'channel', channel: 'C0GENERAL', user: 'U0ALICE' });
  });

  it('in a DM the command continues the DM conversation', () => {
    const parsed = parseCommand(command('tour', 'D0ALICE'));
    expect(parsed.inbound.conversationId).toBe('slack:T0RUNWISE:D0ALICE');
    expect(parsed.place).toEqual({ kind: 'dm', channel: 'D0ALICE' });
  });
});

describe('parse: button clicks', () => {
  it('GIVEN a click in a channel thread THEN the choice id, the carried conversation, and a reply in that thread', () => {
    const parsed = parseAction(fixture<BlockActionLike>('block_actions'))!;
    expect(parsed.inbound).toEqual({
      text: '',
      choiceId: 'rec:workload:web',
      conversationId: 'slack:T0RUNWISE:C0GENERAL:1712000000.000100',
      userId: 'slack:T0RUNWISE:U0ALICE',
      platform: 'slack',
    });
    expect(parsed.place).toEqual({ kind: 'thread', channel: 'C0GENERAL', threadTs: '1712000000.000100' });
    expect(parsed.clicked).toMatchObject({ channel: 'C0GENERAL', ts: '1712000000.000200', ephemeral: false, label: 'Web services' });
  });

  it('GIVEN a click on a top-level message THEN the reply starts a thread under it', () => {
    const body = fixture<BlockActionLike & { message: Record<string, unknown> }>('block_actions');
    delete body.message.thread_ts;
    delete body.container!.thread_ts;
    body.actions[0]!.block_id = 'Xy1';
    const parsed = parseAction(body)!;
    expect(parsed.place).toEqual({ kind: 'thread', channel: 'C0GENERAL', threadTs: '1712000000.000200' });
    expect(parsed.inbound.conversationId).toBe('slack:T0RUNWISE:C0GENERAL:1712000000.000200');
  });

  it('ignores a block_id naming another workspace’s conversation', () => {
    const body = fixture<BlockActionLike>('block_actions');
    body.actions[0]!.block_id = 'rw:slack:T0OTHER:C9:1.1';
    expect(parseAction(body)!.inbound.conversationId).toBe('slack:T0RUNWISE:C0GENERAL:1712000000.000100');
  });

  it('GIVEN a click on an ephemeral message THEN an ephemeral follow-up', () => {
    const body = fixture<BlockActionLike & { message?: unknown }>('block_actions');
    body.container = { type: 'message', message_ts: '1712000000.000300', channel_id: 'C0WELCOME', is_ephemeral: true };
    delete body.message;
    const parsed = parseAction(body)!;
    expect(parsed.place).toEqual({ kind: 'ephemeral', channel: 'C0WELCOME', user: 'U0ALICE' });
    expect(parsed.clicked?.ephemeral).toBe(true);
  });

  it('GIVEN a click in App Home THEN the reply goes to the DM, nothing to update', () => {
    const body = fixture<BlockActionLike & { message?: unknown; channel?: unknown }>('block_actions');
    body.container = { type: 'view' };
    delete body.message;
    delete body.channel;
    body.actions[0]!.block_id = 'rw:';
    const parsed = parseAction(body)!;
    expect(parsed.place).toEqual({ kind: 'home', user: 'U0ALICE' });
    expect(parsed.clicked).toBeUndefined();
  });
});
