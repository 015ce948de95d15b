import { describe, expect, it } from 'vitest';
import { LOST_RACE, conflictDelayMs, retryOnConflict } from '../../src/store/retry.js';

describe('the one conflict retry policy', () => {
  it('waits a jittered, growing pause: up to 1 ms after the first lost race, never more than 25 ms', () => {
    expect(conflictDelayMs(0, () => 1)).toBe(1);
    expect(conflictDelayMs(3, () => 1)).toBe(8);
    expect(conflictDelayMs(40, () => 1)).toBe(25);
    expect(conflictDelayMs(40, () => 0)).toBe(0);
    expect(conflictDelayMs(4, () => 0.5)).toBe(8);
  });

  it('retries lost races, reporting each, until an attempt wins', async () => {
    let attempts = 0;
    let conflicts = 0;
    const result = await retryOnConflict(async () => (++attempts < 4 ? LOST_RACE : 'saved'), { what: 'x', onConflict: () => (conflicts += 1), random: () => 0 });
    expect(result).toBe('saved');
    expect(attempts).toBe(4);
    expect(conflicts).toBe(3);
  });

  it('gives up with store_conflict naming what it wrote', async () => {
    let attempts = 0;
    await expect(retryOnConflict(async () => (attempts++, LOST_RACE), { what: 'the conversation', retries: 2, random: () => 0 })).rejects.toMatchObject({
      code: 'store_conflict',
      message: expect.stringMatching(/the conversation after 3 attempts/),
    });
    expect(attempts).toBe(3);
  });
});
