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

  it('GIVEN DIALOGUE_TTL_MINUTES beyond 30 days (1e308, 1e14, Infinity) THEN start fails naming the variable and the bound', () => {
    expect(failure({ DIALOGUE_TTL_MINUTES: 'Infinity' }).message).toMatch(/DIALOGUE_TTL_MINUTES: use a number of minutes/);
    for (const value of ['1e308', '1e14', '43201']) {
      const error = failure({ DIALOGUE_TTL_MINUTES: value });
      expect(error.message).toMatch(/DIALOGUE_TTL_MINUTES: use at most 43200 minutes \(30 days\)/);
    }
    expect(loadConfig({ DIALOGUE_TTL_MINUTES: '43200' }).DIALOGUE_TTL_MINUTES).toBe(43200);
  });

  it('GIVEN a Redis URL whose database is not a number THEN start fails at validation, never echoing the password', () => {
    const error = failure({ STATE_URL: 'redis://:hunter2@127.0.0.1:6379/abc' });
    expect(error.message).toMatch(/STATE_URL: the Redis database after the host must be a number/);
    expect(error.message).not.toMatch(/hunter2/);
    for (const ok of ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379/', 'redis://127.0.0.1:6379/15', 'rediss://u:p@h:6380/2']) {
      expect(loadConfig({ STATE_URL: ok }).STATE_URL).toBe(ok);
    }
  });

  it('GIVEN METRICS_PORT THEN it must be a port number', () => {
    expect(loadConfig({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(loadConfig({}).METRICS_PORT).toBeUndefined();
    expect(failure({ METRICS_PORT: 'http' }).message).toMatch(/METRICS_PORT: use a port number/);
    expect(failure({ METRICS_PORT: '70000' }).message).toMatch(/METRICS_PORT: use a port from 0 to 65535/);
  });
});
