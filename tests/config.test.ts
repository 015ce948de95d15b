import { describe, expect, it } from 'vitest';
import { configuredPlatforms, loadConfig } from '../src/config.js';
import { RunwiseError } from '../src/errors.js';

function failure(env: Record<string, string>): RunwiseError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof RunwiseError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('configuration', () => {
  it('GIVEN nothing set THEN runs the terminal chat on the SQLite default', () => {
    const config = loadConfig({});
    expect(config.STATE_URL).toBe('sqlite:./runwise.db');
    expect(configuredPlatforms(config)).toEqual([]);
  });

  it('GIVEN a bad value THEN the error names the variable and how to fix it', () => {
    const error = failure({ STATE_URL: 'mysql://db', LOG_LEVEL: 'loud', DIALOGUE_TTL_MINUTES: 'soon' });
    expect(error.code).toBe('config_invalid');
    expect(error.message).toMatch(/STATE_URL: use memory:, sqlite:<path>/);
    expect(error.message).toMatch(/LOG_LEVEL: use one of/);
    expect(error.message).toMatch(/DIALOGUE_TTL_MINUTES/);
  });

  it('GIVEN half a platform configured THEN says which variable is missing, never echoing the token', () => {
    const slack = failure({ SLACK_BOT_TOKEN: 'xoxb-secret-123' });
    expect(slack.message).toMatch(/SLACK_SIGNING_SECRET/);
    expect(slack.message).not.toMatch(/secret-123/);
    expect(failure({ DISCORD_TOKEN: 'abc.def.ghi' }).message).toMatch(/DISCORD_APPLICATION_ID/);
    expect(failure({ SLACK_BOT_TOKEN: 'xapp-wrong-kind' }).message).toMatch(/SLACK_BOT_TOKEN: a bot token starts with xoxb-/);
  });

  it('GIVEN both platforms configured THEN starts both', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789' });
    expect(configuredPlatforms(config)).toEqual(['slack', 'discord']);
  });
});
