import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { COMMAND } from '../../../src/adapters/slack/listeners.js';
import { SHORTCUT_CALLBACK_ID } from '../../../src/adapters/slack/shortcut.js';

const manifest = readFileSync(fileURLToPath(new URL('../../../slack/manifest.yml', import.meta.url)), 'utf8');
/** The items of a YAML list under `key:` (our manifest's simple shape: "- item" lines, comments allowed). */
const listUnder = (key: string): string[] => {
  const lines = manifest.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^\s*-\s+([^\s#]+)/.exec(line);
    if (match) items.push(match[1]!);
    else if (line.trim() !== '' && !line.trim().startsWith('#')) break;
  }
  return items;
};

it('the manifest subscribes to exactly the events the adapter listens to', () => {
  expect(listUnder('bot_events').sort()).toEqual(
    [
      'app_home_opened',
      'app_mention',
      'assistant_thread_context_changed',
      'assistant_thread_started',
      'member_joined_channel',
      'message.channels',
      'message.groups',
      'message.im',
    ].sort(),
  );
});

it('the manifest asks for the scopes those events and calls need, and no admin or user scopes', () => {
  const scopes = listUnder('bot');
  for (const needed of ['app_mentions:read', 'assistant:write', 'chat:write', 'commands', 'im:history', 'im:write', 'channels:history', 'channels:read']) {
    expect(scopes).toContain(needed);
  }
  expect(scopes.some((s) => s.startsWith('admin'))).toBe(false);
  expect(manifest).not.toMatch(/^\s*user:/m);
});

it('the manifest declares the slash command the adapter handles, and interactivity for buttons', () => {
  expect(manifest).toContain(`command: ${COMMAND}`);
  expect(manifest).toMatch(/interactivity:\s*\n\s*is_enabled: true/);
});

it('the manifest turns on the assistant panel the adapter serves', () => {
  expect(manifest).toMatch(/^  assistant_view:\s*\n\s+assistant_description: \S/m);
});

it('the manifest declares the "Ask runwise" message shortcut the adapter handles', () => {
  expect(manifest).toMatch(new RegExp(`- name: Ask runwise\\s*\\n\\s+type: message\\s*\\n\\s+callback_id: ${SHORTCUT_CALLBACK_ID}\\s*\\n\\s+description: \\S`));
});
