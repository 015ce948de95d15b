import type { EntityMatch } from './entities.js';
import { stem } from './tokenize.js';

/** What stands in for a named technology, so "what is podman" and "what is kvm" teach one question shape. */
export const TECH_TOKEN = '__tech__';

/**
 * Stemmed unigrams and adjacent bigrams. Named technologies (not concepts like "vm" or "container",
 * which carry topic meaning) become TECH_TOKEN; two or more of them add a pair marker.
 */
export function extractFeatures(tokens: readonly string[], entities: readonly EntityMatch[], isConcept: (id: string) => boolean): string[] {
  const words: string[] = [];
  let e = 0;
  let techCount = 0;
  for (let i = 0; i < tokens.length; ) {
    const entity = entities[e];
    if (entity && entity.start === i) {
      e += 1;
      i = entity.end;
      if (isConcept(entity.id)) {
        words.push(`__concept_${entity.id}__`);
      } else {
        words.push(TECH_TOKEN);
        techCount += 1;
      }
      continue;
    }
    words.push(stem(tokens[i]!));
    i += 1;
  }
  const features = [...words];
  for (let i = 1; i < words.length; i++) features.push(`${words[i - 1]}_${words[i]}`);
  if (techCount >= 2) features.push('__two_techs__');
  return features;
}
