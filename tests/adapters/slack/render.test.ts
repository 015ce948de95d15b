import { describe, expect, it } from 'vitest';
import { loadSlackMessages } from '../../../src/adapters/slack/messages.js';
import { chunkText, escapeText, toMrkdwn } from '../../../src/adapters/slack/mrkdwn.js';
import { LIMITS, renderChosen, renderHome, renderReply } from '../../../src/adapters/slack/render.js';
import type { Reply } from '../../../src/core/types.js';

const messages = loadSlackMessages();
const base = { intent: 'define', confidence: 0.9, choices: [], sources: [] };
const answer = (text: string, extra: Partial<Reply> = {}): Reply => ({ ...base, kind: 'answer', topic: 'kvm', text, ...extra }) as Reply;

type AnyBlock = { type: string; block_id?: string; text?: { type: string; text: string }; elements?: Array<Record<string, any>> };
const blocks = (reply: Reply, conversationId?: string) =>
  renderReply(reply, { messages, ...(conversationId ? { conversationId } : {}) }).blocks as unknown as AnyBlock[];

describe('render: text', () => {
  it('GIVEN core markup THEN Slack mrkdwn: **bold** becomes *bold*, bullets become •, code stays', () => {
    expect(toMrkdwn('**KVM** is a type 1 hypervisor.\n\n- fast\n- `virsh` manages it')).toBe('*KVM* is a type 1 hypervisor.\n\n• fast\n• `virsh` manages it');
  });

  it('GIVEN text with mentions or broadcasts THEN &, <, > are escaped in every block and in the fallback', () => {
    const reply = answer('You said <!channel> & <!here> and <@U123>', {
      choices: [{ id: 'x', label: '<!channel> please' }],
      sources: [{ id: 's', title: 'A <b> & c', url: 'https://example.com/?a=1&b=<2>' }],
    });
    const rendered = renderReply(reply, { messages });
    const all = JSON.stringify(rendered);
    expect(all).not.toMatch(/<!channel>|<!here>|<@U123>/);
    expect(rendered.text).toContain('&lt;!channel&gt; &amp; &lt;!here&gt;');
    const section = (rendered.blocks[0] as unknown as AnyBlock).text!;
    expect(section).toMatchObject({ type: 'mrkdwn', verbatim: true });
  });

  it('escapes exactly the three characters Slack asks for', () => {
    expect(escapeText('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d "e"');
  });
});

describe('render: Block Kit limits', () => {
  it('GIVEN a text longer than a section THEN several sections of at most 3,000 characters, nothing lost', () => {
    const paragraph = 'word '.repeat(200).trim();
    const text = Array.from({ length: 12 }, () => paragraph).join('\n\n');
    const sections = blocks(answer(text)).filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(sections.map((s) => s.text!.text).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('GIVEN one unbroken run of escaped characters THEN cuts never split an entity', () => {
    const pieces = chunkText(escapeText('<'.repeat(2000)), 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect(p).toMatch(/^(&lt;)+$/);
    }
  });

  it('GIVEN a huge text THEN at most 50 blocks, the last section marked as cut', () => {
    const text = Array.from({ length: 400 }, (_, i) => `${i} ${'x'.repeat(2900)}`).join('\n\n');
    const rendered = renderReply(answer(text, { choices: [{ id: 'a', label: 'A' }], sources: [{ id: 's', title: 'S' }] }), { messages });
    expect(rendered.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    const kinds = rendered.blocks.map((b) => b.type);
    expect(kinds.slice(-2)).toEqual(['context', 'actions']);
    const lastSection = rendered.blocks.filter((b) => b.type === 'section').at(-1) as unknown as AnyBlock;
    expect(lastSection.text!.text.endsWith(messages.truncated)).toBe(true);
    expect(rendered.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('GIVEN choices THEN one button each: label ≤ 75, action_id rw:<index>, choice id in value, conversation in block_id', () => {
    const long = 'L'.repeat(120);
    const reply: Reply = { ...base, kind: 'question', flow: 'recommend', step: 'workload', text: 'Which workload?', choices: [{ id: 'rec:a', label: 'Web services' }, { id: 'rec:b', label: long }] };
    const actions = blocks(reply, 'slack:T1:C1:1700000000.000100').find((b) => b.type === 'actions')!;
    expect(actions.block_id).toBe('rw:slack:T1:C1:1700000000.000100');
    expect(actions.elements).toHaveLength(2);
    expect(actions.elements![0]).toMatchObject({ type: 'button', action_id: 'rw:0', value: 'rec:a', text: { type: 'plain_text', text: 'Web services' } });
    const label: string = actions.elements![1]!.text.text;
    expect(label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    expect(label.endsWith(messages.truncated)).toBe(true);
    for (const e of actions.elements!) expect(String(e.action_id).length).toBeLessThanOrEqual(LIMITS.actionId);
  });

  it('GIVEN an over-long conversation id THEN the block_id still fits (the click falls back to the message position)', () => {
    const reply = answer('x', { choices: [{ id: 'a', label: 'A' }] });
    const actions = blocks(reply, `slack:T1:C1:${'9'.repeat(300)}`).find((b) => b.type === 'actions')!;
    expect(actions.block_id!.length).toBeLessThanOrEqual(LIMITS.blockId);
  });
});

describe('render: each kind', () => {
  it('answers show their sources in a context block, linked when they have a URL', () => {
    const ctx = blocks(answer('KVM.', { sources: [{ id: 'a', title: 'KVM docs', url: 'https://linux-kvm.org' }, { id: 'b', title: 'Seed: hypervisors' }] })).find((b) => b.type === 'context')!;
    const text: string = ctx.elements![0]!.text;
    expect(text).toContain(messages.sources);
    expect(text).toContain('<https://linux-kvm.org|KVM docs>');
    expect(text).toContain('Seed: hypervisors');
  });

  it('a source URL that is not http(s) is not linked', () => {
    const ctx = blocks(answer('x', { sources: [{ id: 'a', title: 'Evil', url: 'javascript:alert(1)' }] })).find((b) => b.type === 'context')!;
    expect(ctx.elements![0]!.text).not.toContain('javascript:');
  });

  it('a dialogue step is its text and buttons (the core words the progress into the text)', () => {
    const reply: Reply = { ...base, kind: 'question', flow: 'recommend', step: 's', text: 'Question 2 of 5\n\nQ?', progress: { index: 2, total: 5 }, choices: [{ id: 'a', label: 'A' }] };
    expect(blocks(reply).map((b) => b.type)).toEqual(['section', 'actions']);
  });

  it('a verdict is set apart from its sources by a divider', () => {
    const reply: Reply = { ...base, kind: 'verdict', text: '**Containers on VMs**', recommendation: { verdict: 'containers-on-vms', reasons: [] }, sources: [{ id: 's', title: 'S' }] };
    expect(blocks(reply).map((b) => b.type)).toEqual(['section', 'divider', 'context']);
  });

  it.each(['clarify', 'fallback', 'notice'] as const)('%s renders text and buttons', (kind) => {
    const reply = { ...base, kind, text: 'Hi', choices: [{ id: 'a', label: 'A' }] } as Reply;
    expect(blocks(reply).map((b) => b.type)).toEqual(['section', 'actions']);
  });

  it('App Home is a home view with the same buttons', () => {
    const view = renderHome({ ...base, kind: 'notice', text: 'What I do', choices: [{ id: 'start:tour', label: 'Take the tour' }] }, messages);
    expect(view.type).toBe('home');
    expect(view.blocks.map((b) => b.type)).toEqual(['section', 'actions']);
  });
});

describe('render: after a click', () => {
  it('the clicked buttons become "✓ <label>" and everything else stays', () => {
    const reply: Reply = { ...base, kind: 'question', flow: 'f', step: 's', text: 'Q?', choices: [{ id: 'a', label: 'Web & APIs' }] };
    const before = renderReply(reply, { messages, conversationId: 'slack:T:C:1.1' }).blocks;
    const after = renderChosen(before, 'rw:slack:T:C:1.1', 'Web &amp; APIs', messages) as unknown as AnyBlock[];
    expect(after.map((b) => b.type)).toEqual(['section', 'context']);
    expect(after[1]!.elements![0]!.text).toBe('✓ Web &amp; APIs');
  });
});
