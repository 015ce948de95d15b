import type { EntityMatch } from './entities.js';
import { stem } from './tokenize.js';

/** What stands in for a named technology, so "what is podman" and "what is kvm" teach one question shape. */
export const TECH_TOKEN = '__tech__';

/**
 * Stemmed unigrams and adjacent bigrams. A named technology (not a concept like "vm" or "container",
 * which carries topic meaning) becomes TECH_TOKEN in the word sequence, so question shapes generalise
 * across products, plus an identity feature, so "vmware" can still point at its own topic.
 * Markers for one or several technologies tell "podman?" (define) from "kvm xen" (compare).
 */
export function extractFeatures(tokens: readonly string[], entities: readonly EntityMatch[], isConcept: (id: string) => boolean): string[] {
  const words: string[] = [];
  let e = 0;
  let techCount = 0;
  const identities: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const entity = entities[e];
    if (entity && entity.start === i) {
      e += 1;
      i = entity.end;
      if (isConcept(entity.id)) {
        words.push(`__concept_${entity.id}__`);
      } else {
        words.push(TECH_TOKEN);
        identities.push(`__id_${entity.id}__`);
        techCount += 1;
      }
      continue;
    }
    words.push(stem(tokens[i]!));
    i += 1;
  }
  const features = [...words];
  for (let i = 1; i < words.length; i++) features.push(`${words[i - 1]}_${words[i]}`);
  features.push(...identities);
  if (techCount === 1) features.push('__one_tech__');
  if (techCount >= 2) features.push('__two_techs__');
  if (words.length === techCount) features.push('__only_techs__');
  return features;
}
