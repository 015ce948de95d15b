import { describe, expect, it } from 'vitest';
import { buildTermTable, termTableFromJson } from '../../../src/core/retrieve/term-table.js';

describe('the index term table', () => {
  const terms = ['kvm', 'live_migrat', 'nest', 'nest_virtual', 'ü', '', 'kv', 'kvmm', ...Array.from({ length: 3000 }, (_, i) => `t${i}`)];

  it('GIVEN terms THEN each is found at its number, and a term it does not hold (a prefix, an extension, a case variant) is not', () => {
    const table = buildTermTable(terms);
    expect(table.size).toBe(terms.length);
    terms.forEach((t, n) => expect(table.get(t)).toBe(n));
    for (const missing of ['k', 'kvmmm', 'KVM', 'live_migration', 'nest_', 't3000', 'u']) {
      expect(table.get(missing)).toBeUndefined();
      expect(table.has(missing)).toBe(false);
    }
    expect([...table.keys()]).toEqual(terms);
  });

  it('GIVEN the table written to the start-up cache and read back THEN it answers the same', () => {
    const read = termTableFromJson(JSON.parse(JSON.stringify(buildTermTable(terms).toJson())));
    terms.forEach((t, n) => expect(read.get(t)).toBe(n));
    expect(read.get('kvmm_')).toBeUndefined();
  });
});
