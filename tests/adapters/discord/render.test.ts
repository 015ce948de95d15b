import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/types.js';
import {
  fromCustomId,
  lockButtons,
  renderButtons,
  renderReply,
  toCustomId,
} from '../../../src/adapters/discord/render.js';
import { loadDiscordWords } from '../../../src/adapters/discord/words.js';

const words = loadDiscordWords();
const base = { intent: 'define', confidence: 1, choices: [], sources: [] };

describe('renderReply', () => {
  it('GIVEN an answer with sources THEN one message with a links line and no pings', () => {
    const reply: Reply = {
      ...base,
      kind: 'answer',
      topic: 'kvm',
      text: '**KVM** is a hypervisor.',
      sources: [{ id: 'kvm', title: 'KVM [docs]', url: 'https://linux-kvm.org' }, { id: 'seed', title: 'Seed notes' }],
    };
    const [message, ...rest] = renderReply(reply, words);
    expect(rest).toEqual([]);
    expect(message?.content).toContain('**KVM** is a hypervisor.');
    expect(message?.content).toContain('[KVM \\[docs\\]](<https://linux-kvm.org>)');
    expect(message?.content).toContain('Seed notes');
    expect(message?.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('GIVEN a dialogue step with choices THEN buttons with prefixed ids under the last message', () => {
    const reply: Reply = {
      ...base,
      kind: 'question',
      flow: 'recommend',
      step: 'isolation',
      progress: { index: 2, total: 5 },
      text: 'How strong must isolation be?',
      choices: [
        { id: 'a:strong', label: 'Strong' },
        { id: 'a:normal', label: 'Normal' },
      ],
    };
    const [message] = renderReply(reply, words);
    expect(message?.content).toBe('How strong must isolation be?');
    const buttons = message?.components.flatMap((row) => row.components) ?? [];
    expect(buttons.map((b) => b.custom_id)).toEqual(['rw:a:strong', 'rw:a:normal']);
    expect(buttons.map((b) => b.label)).toEqual(['Strong', 'Normal']);
  });

  it('GIVEN text over 2,000 characters THEN several messages, each within the limit, buttons only on the last', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}: ${'x'.repeat(90)}`).join('\n\n');
    const reply: Reply = { ...base, kind: 'notice', text, choices: [{ id: 'more', label: 'More' }] };
    const messages = renderReply(reply, words);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.content.length).toBeLessThanOrEqual(2000);
    expect(messages.slice(0, -1).every((m) => m.components.length === 0)).toBe(true);
    expect(messages.at(-1)?.components).toHaveLength(1);
    expect(messages.map((m) => m.content).join('\n\n')).toBe(text);
  });

  it('covers every reply kind', () => {
    const kinds: Reply[] = [
      { ...base, kind: 'answer', topic: 't', text: 'a' },
      { ...base, kind: 'clarify', text: 'b' },
      { ...base, kind: 'question', flow: 'tour', step: 's', text: 'c' },
      { ...base, kind: 'verdict', recommendation: { verdict: 'vm', reasons: [] }, text: 'd' },
      { ...base, kind: 'fallback', text: 'e' },
      { ...base, kind: 'notice', text: 'f' },
    ];
    expect(kinds.map((r) => renderReply(r, words)[0]?.content)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('buttons', () => {
  it('GIVEN 27 choices THEN at most 5 rows of 5, 80-character labels, 100-character ids', () => {
    const choices = Array.from({ length: 27 }, (_, i) => ({ id: `c${i}:${'i'.repeat(85)}`, label: `L${i} ${'l'.repeat(100)}` }));
    const rows = renderButtons(choices);
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.components.length).toBeLessThanOrEqual(5);
      for (const button of row.components) {
        expect(button.label?.length).toBeLessThanOrEqual(80);
        expect(button.custom_id.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('GIVEN an id that would not fit THEN that button is left out rather than rejected by Discord', () => {
    expect(toCustomId('x'.repeat(98))).toBeNull();
    expect(renderButtons([{ id: 'x'.repeat(98), label: 'too long' }])).toEqual([]);
  });

  it('round-trips choice ids and ignores foreign components', () => {
    expect(fromCustomId(toCustomId('start:tour') ?? '')).toBe('start:tour');
    expect(fromCustomId('other-bot:thing')).toBeNull();
  });

  it('GIVEN a click THEN every button is disabled and the chosen one is green', () => {
    const rows = renderButtons([
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ]);
    const locked = lockButtons(rows, 'rw:b') as typeof rows;
    const [a, b] = locked[0]?.components ?? [];
    expect(a).toMatchObject({ disabled: true, style: ButtonStyle.Secondary, label: 'A' });
    expect(b).toMatchObject({ disabled: true, style: ButtonStyle.Success, label: 'B' });
    expect(locked[0]?.type).toBe(ComponentType.ActionRow);
  });
});
