import { GatewayIntentBits, MessageFlags } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { intentsFor } from '../../../src/adapters/discord/index.js';
import { loadDiscordWords } from '../../../src/adapters/discord/words.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { Inbound, Reply } from '../../../src/core/types.js';
import type { RecordedCall } from './fake-discord.js';
import { buttonsOf, events, freshId, paths, startHarness, startWithRealCore, type Harness, type RealHarness } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const words = loadDiscordWords();
const NOBODY = { everyone: false, users: [], roles: [] };
const isEphemeral = (body: Json) => ((body?.flags ?? body?.data?.flags ?? 0) & MessageFlags.Ephemeral) === MessageFlags.Ephemeral;
/** Every message the bot created or edited through a channel (never allowed where the bot is not a member). */
const channelSends = (h: Harness) => h.fake.calls.filter((c) => /^\/channels\/\d+\/messages/.test(c.path) && c.method !== 'GET');

/** A click on `customId` of `message`, in the same place (and installation) as the interaction that posted it. */
function clickIn(interaction: Json, customId: string, message: Json): Json {
  return { ...interaction, id: freshId(), token: `token-${freshId()}`, type: 3, data: { component_type: 2, custom_id: customId }, message };
}

describe('"Ask runwise" on a message (type 3), against a fake Discord and the real core', () => {
  let h: RealHarness;
  beforeAll(async () => {
    h = await startWithRealCore();
  });
  afterAll(async () => h?.close());

  async function ask(where: Parameters<typeof events.messageCommand>[0], content?: string) {
    const interaction = events.messageCommand(where, content);
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [ack] = await h.sent('POST', paths.callback(interaction.id));
    const [answer] = await h.sent('PATCH', paths.original(interaction.token));
    return { interaction, ack: ack as RecordedCall, answer: answer as RecordedCall };
  }

  it('GIVEN "Ask runwise" on someone’s message in a server THEN an ephemeral answer to its text, with a button to post it publicly, and no ping', async () => {
    // No Message Content intent: the interaction itself carries the message.
    expect(intentsFor(h.config)).not.toContain(GatewayIntentBits.MessageContent);
    const sends = channelSends(h).length;
    const { ack, answer } = await ask('guild', 'what is kvm?');
    expect(ack.body.type).toBe(5);
    expect(isEphemeral(ack.body)).toBe(true);
    expect(h.replies.at(-1)).toMatchObject({ kind: 'answer' });
    expect(answer.body.content).toContain(h.replies.at(-1)?.text.slice(0, 40));
    expect(answer.body.allowed_mentions).toMatchObject({ parse: [] });
    expect(buttonsOf(answer.body).map((b: Json) => b.label)).toContain(words.ask.publish);
    expect(channelSends(h)).toHaveLength(sends);
  });

  it('GIVEN "Ask runwise" in a DM between two people, runwise installed to the user only THEN the answer comes through the interaction webhook, never a channel send', async () => {
    const sends = channelSends(h).length;
    const { ack, answer, interaction } = await ask('user_dm');
    expect(ack.body.type).toBe(5);
    expect(isEphemeral(ack.body)).toBe(true);
    expect(h.replies.at(-1)?.kind).not.toBe('fallback');
    expect(answer.body.content).toContain(h.replies.at(-1)?.text.slice(0, 40));
    expect(answer.body.allowed_mentions).toMatchObject({ parse: [] });
    const followUps = h.fake.ok('POST', paths.followups(interaction.token));
    for (const part of followUps) expect(isEphemeral(part.body)).toBe(true);
    expect(channelSends(h)).toHaveLength(sends);
  });

  it('GIVEN a server the bot is not a member of (user install) THEN it still answers through the webhook only', async () => {
    const sends = channelSends(h).length;
    const { answer } = await ask('foreign_guild', 'docker vs podman');
    expect(answer.body.content.length).toBeGreaterThan(0);
    expect(channelSends(h)).toHaveLength(sends);
  });

  it('GIVEN "Post publicly" is clicked THEN the answer is posted for everyone as a follow-up, once, and the button is locked', async () => {
    const { interaction, answer } = await ask('user_dm', 'what is a hypervisor?');
    const publish = buttonsOf(answer.response).find((b: Json) => b.label === words.ask.publish);
    const click = clickIn(interaction, publish.custom_id, answer.response);
    h.fake.gateway.dispatch('INTERACTION_CREATE', click);
    const [posted] = await h.sent('POST', paths.followups(click.token));
    expect(isEphemeral(posted?.body)).toBe(false);
    expect(posted?.body.allowed_mentions).toMatchObject({ parse: [] });
    expect(posted?.body.content).toContain(h.replies.at(-1)?.text.slice(0, 40));
    expect(posted?.body.content).toContain(`https://discord.com/channels/@me/${interaction.channel_id}/${interaction.data.target_id}`);
    const [locked] = await h.sent('PATCH', paths.original(click.token));
    expect(buttonsOf(locked?.body).find((b: Json) => b.custom_id === publish.custom_id)?.disabled).toBe(true);

    // A second click (or a second instance) posts nothing more.
    const again = clickIn(interaction, publish.custom_id, answer.response);
    h.fake.gateway.dispatch('INTERACTION_CREATE', again);
    await h.sent('POST', paths.callback(again.id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.fake.ok('POST', paths.followups(again.token)).filter((c) => !isEphemeral(c.body))).toHaveLength(0);
  });

  it('GIVEN a choice clicked in the ephemeral answer THEN the next step is ephemeral too', async () => {
    const { interaction, answer } = await ask('guild', 'should we run it in a VM or in containers?');
    const choice = buttonsOf(answer.response).find((b: Json) => b.custom_id.startsWith('rw:'));
    const click = clickIn(interaction, choice.custom_id, answer.response);
    h.fake.gateway.dispatch('INTERACTION_CREATE', click);
    const [next] = await h.sent('POST', paths.followups(click.token));
    expect(isEphemeral(next?.body)).toBe(true);
    expect(next?.body.allowed_mentions).toMatchObject({ parse: [] });
  });
});

describe('"Ask runwise": escaping and empty messages', () => {
  let h: Harness;
  const seen: Inbound[] = [];
  const echo = async (m: Inbound): Promise<Reply> => {
    seen.push(m);
    return { kind: 'answer', intent: 'define', topic: 't', confidence: 1, text: `You asked: ${m.text}`, choices: [], sources: [] };
  };
  beforeAll(async () => {
    h = await startHarness({ runwise: { core: { handle: echo }, store: await createMemoryStore() } });
  });
  afterAll(async () => h?.close());
  afterEach(() => {
    seen.length = 0;
  });

  it('GIVEN a message with @everyone, @here, a role and a user THEN nothing the bot sends can ping, in the answer or when posted publicly', async () => {
    const interaction = events.messageCommand('guild', '@everyone @here <@&1900000000000000001> <@1400000000000000002> is podman rootless?');
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [answer] = await h.sent('PATCH', paths.original(interaction.token));
    expect(seen[0]?.text).toContain('@everyone');
    expect(answer?.pings).toEqual(NOBODY);
    const publish = buttonsOf(answer?.response).find((b: Json) => b.label === words.ask.publish);
    const click = clickIn(interaction, publish.custom_id, answer?.response);
    h.fake.gateway.dispatch('INTERACTION_CREATE', click);
    const [posted] = await h.sent('POST', paths.followups(click.token));
    expect(posted?.body.content).toContain('@everyone');
    expect(posted?.pings).toEqual(NOBODY);
  });

  it('GIVEN a message without text (an image alone) THEN only the user hears there is nothing to answer', async () => {
    const interaction = events.messageCommand('guild', '');
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [answer] = await h.sent('PATCH', paths.original(interaction.token));
    expect(answer?.body.content).toBe(words.ask.empty);
    expect(answer?.body.allowed_mentions).toMatchObject({ parse: [] });
    expect(seen).toHaveLength(0);
  });
});
