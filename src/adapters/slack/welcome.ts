import type { App } from '@slack/bolt';
import { converse, errorName, type SlackDeps } from './conversation.js';
import { conversationIdFor, slackUserId, type Place } from './parse.js';

export interface WelcomeOptions {
  /** Channel ids (C…) where newcomers are welcomed; empty turns onboarding off. */
  channels: readonly string[];
  mode: 'ephemeral' | 'dm';
}

/** The store key that makes a welcome happen once per person, across restarts and instances. */
export const welcomeKey = (team: string, user: string): string => `slack:welcome:${team}:${user}`;

/** Onboarding: a person joining a configured channel gets the core's welcome, once. */
export function registerWelcome(app: App, deps: SlackDeps, options: WelcomeOptions): void {
  const channels = new Set(options.channels);
  app.event('member_joined_channel', async ({ event, body, client, context }) => {
    if (!channels.has(event.channel) || event.user === context.botUserId) return;
    const team = body.team_id;
    if (await isBot(client, event.user, deps)) return;
    if (!(await deps.store.claim(welcomeKey(team, event.user)))) return;
    let place: Place = { kind: 'ephemeral', channel: event.channel, user: event.user };
    if (options.mode === 'dm') {
      const opened = await client.conversations.open({ users: event.user });
      if (!opened.channel?.id) return;
      place = { kind: 'dm', channel: opened.channel.id };
    }
    const inbound = { text: '', choiceId: 'meta:welcome', conversationId: conversationIdFor(team, place), userId: slackUserId(team, event.user), platform: 'slack' as const };
    await converse(deps, client, { inbound, place, team, user: event.user });
  });
}

async function isBot(client: Parameters<Parameters<App['event']>[1]>[0]['client'], user: string, deps: SlackDeps): Promise<boolean> {
  try {
    const info = await client.users.info({ user });
    return Boolean(info.user?.is_bot || info.user?.deleted);
  } catch (error) {
    // Without users:read we cannot tell; welcoming a bot is harmless.
    deps.log.debug({ err: errorName(error) }, 'slack: users.info failed; welcoming anyway');
    return false;
  }
}
