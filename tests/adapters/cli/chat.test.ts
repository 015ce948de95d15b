import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../../src/adapters/cli/chat.js';
import { harness } from '../../core/harness.js';

async function chat(lines: string[]): Promise<string> {
  const { runwise } = await harness();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const done = runChat(runwise.core, { input, output, color: false }, 'test');
  input.end(lines.join('\n') + '\n');
  await done;
  return text;
}

describe('terminal chat', () => {
  it('GIVEN typed questions THEN answers each, with numbered choices and sources', async () => {
    const out = await chat(['what is podman', 'thanks']);
    expect(out).toMatch(/you> what is podman/);
    expect(out).toMatch(/Podman/);
    expect(out).toMatch(/ {2}1\) /);
    expect(out).toMatch(/Sources: /);
  });

  it('GIVEN a number THEN picks that choice of the previous reply', async () => {
    const out = await chat(['2']); // the welcome offers: 1) tour, 2) recommendation, 3) ask
    expect(out).toMatch(/Question 1 of/);
  });

  it('GIVEN /quit THEN stops reading', async () => {
    const out = await chat(['/quit', 'what is kvm']);
    expect(out).not.toMatch(/KVM/);
  });
});
