import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cacheKey, cachedJson } from '../cache.js';
import { words as englishStopwords } from 'natural/lib/natural/util/stopwords.js';
import { frequentWords } from '../knowledge/texts.js';
import { tokenize } from '../nlu/tokenize.js';
import { isNegation, isStopWord } from '../retrieve/terms.js';

/**
 * The domain's own words: used by the knowledge, absent from a general English lexicon (natural's
 * 92,000-word POS lexicon) and from the off-topic training messages. "dom0", "kubelet", "qcow2" are;
 * "garden", "kernel", "linux" (an off-topic message may say it) are not, and neither is chat filler ("pls"), which
 * the facts' phrasings use as people do, nor a negation ("isn" of "isn't").
 */
export function findJargon(knowledge: readonly string[], offTopic: readonly string[], isEnglish: (word: string) => boolean, minTexts = JARGON_MIN_COUNT): string[] {
  const ordinary = new Set(offTopic.flatMap((t) => tokenize(t)));
  return frequentWords(knowledge, minTexts, true)
    .filter((w) => w.length >= 3 && /[a-z]/.test(w) && !/^\d/.test(w) && !ordinary.has(w) && !isStopWord(w) && !isNegation(w) && !isEnglish(w))
    .sort();
}

const JARGON_MIN_COUNT = 2;
const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'ers', 'n', "'t"];

/** A lexicon lookup that also knows inflections ("configured", "binaries") and contractions ("hasn"). */
export function englishLookup(lexicon: Record<string, unknown>, stopwords: ReadonlySet<string>): (word: string) => boolean {
  const has = (w: string) => Object.hasOwn(lexicon, w) || Object.hasOwn(lexicon, w.charAt(0).toUpperCase() + w.slice(1)) || stopwords.has(w);
  return (word) => {
    if (has(word)) return true;
    for (const suffix of SUFFIXES) {
      if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
      const base = word.slice(0, -suffix.length);
      if (has(base) || has(`${base}e`) || has(base.replace(/i$/, 'y')) || (base.at(-1) === base.at(-2) && has(base.slice(0, -1)))) return true;
    }
    return false;
  };
}

const LEXICON = 'natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json';

/**
 * The jargon (words of two or more facts or entries) and the rare jargon (words of one only: "kured", but also a
 * tool of another field that one fact happens to mention, "zsh"), with natural's lexicon, cached in `cacheDir` by
 * the texts it was computed from (the lexicon costs ~70 ms to load).
 */
/**
 * `knowledge`: the texts to find jargon in, or a function giving them with a fingerprint of what they come from (the
 * knowledge's): then the texts are only built when the cache has nothing for that fingerprint.
 */
export function loadJargon(
  knowledge: readonly string[] | { fingerprint: string; texts: () => readonly string[] },
  offTopic: readonly string[],
  cacheDir?: string,
): { common: Set<string>; rare: Set<string> } {
  const lazy = !Array.isArray(knowledge) ? (knowledge as { fingerprint: string; texts: () => readonly string[] }) : undefined;
  const key = cacheKey(import.meta.url, ['jargon', '../nlu/tokenize', '../knowledge/texts', '../retrieve/terms'], [lazy ? lazy.fingerprint : knowledge, offTopic]);
  const found = cachedJson(cacheDir, 'jargon', key, () => {
    const texts = lazy ? lazy.texts() : (knowledge as readonly string[]);
    const lexicon = JSON.parse(readFileSync(createRequire(import.meta.url).resolve(LEXICON), 'utf8')) as Record<string, unknown>;
    const isEnglish = englishLookup(lexicon, new Set(englishStopwords));
    const common = findJargon(texts, offTopic, isEnglish);
    const inCommon = new Set(common);
    return { common, rare: findJargon(texts, offTopic, isEnglish, 1).filter((w) => !inCommon.has(w)) };
  });
  return { common: new Set(found.common), rare: new Set(found.rare) };
}
