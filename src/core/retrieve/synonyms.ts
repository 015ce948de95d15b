import { z } from 'zod';
import { readDataFile } from '../data-file.js';
import { tokenize } from '../nlu/tokenize.js';
import { analyse } from './terms.js';

/** data/synonyms.json: groups of words and phrases people use for the same thing. */
export const SynonymsFileSchema = z.strictObject({
  description: z.string().optional(),
  groups: z.array(z.array(z.string().min(1).max(40)).min(2)).min(1),
});

/** For a message, the index terms its words' synonyms add ("come out" → "releas", "launch"...). */
export type Expander = (text: string) => string[];

interface Member {
  tokens: readonly string[];
  terms: readonly string[];
}

export function createExpander(groups: readonly (readonly string[])[]): Expander {
  // Members are matched on the words as typed, before stop words go: "come out" is all stop words.
  const byFirstToken = new Map<string, { member: Member; group: Member[] }[]>();
  for (const group of groups) {
    const members = group.map((phrase) => ({ tokens: tokenize(phrase), terms: analyse(phrase).terms }));
    for (const member of members) {
      const first = member.tokens[0];
      if (!first) continue;
      const list = byFirstToken.get(first) ?? [];
      list.push({ member, group: members });
      byFirstToken.set(first, list);
    }
  }
  return (text) => {
    const tokens = tokenize(text);
    const added = new Set<string>();
    tokens.forEach((token, i) => {
      for (const { member, group } of byFirstToken.get(token) ?? []) {
        if (!member.tokens.every((t, k) => tokens[i + k] === t)) continue;
        for (const other of group) if (other !== member) for (const term of other.terms) added.add(term);
      }
    });
    return [...added];
  };
}

export function loadExpander(path: string): Expander {
  return createExpander(readDataFile(path, SynonymsFileSchema).groups);
}
