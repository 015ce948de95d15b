import type { App } from '@slack/bolt';
import { errorName, type SlackDeps } from './conversation.js';
import { conversationIdFor, slackUserId } from './parse.js';
import { renderHome } from './render.js';

/** App Home: what the bot can do, with the same buttons as the welcome (their clicks continue in the DM). */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const team = body.team_id;
    try {
      const reply = await deps.core.handle({
        text: '',
        choiceId: 'meta:home',
        conversationId: conversationIdFor(team, { kind: 'home', user: event.user }),
        userId: slackUserId(team, event.user),
        platform: 'slack',
      });
      await client.views.publish({ user_id: event.user, view: renderHome(reply, deps.messages) });
    } catch (error) {
      deps.log.error({ err: errorName(error) }, 'slack: could not publish App Home');
    }
  });
}
