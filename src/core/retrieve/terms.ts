import { words as englishStopwords } from 'natural/lib/natural/util/stopwords.js';
import { stem, tokenize } from '../nlu/tokenize.js';
import { remembered } from '../text/remembered.js';

// natural's list drops digits and single letters; "type 1", "cgroup v2" and "k8s" need them.
const KEEP = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'v']);
// Chat filler carries no subject: it would only add noise to a ranking ("whats" is "what is", whose words are stop words).
const CHAT_FILLER = ['lol', 'pls', 'plz', 'thx', 'guys', 'hey', 'hi', 'u', 'ur', 'im', 'ive', 'gonna', 'wanna', 'actually', 'basically', 'really', 'just', 'thing', 'stuff', 'someone', 'anyone', 'know', 'tell', 'question', 'quick', 'ok', 'okay', 'yeah', 'ya', 'tho', 'btw', 'idk', 'etc', 'eh', 'hmm', 'pretty', 'kinda', 'sorta', 'ever', 'even', 'yes', 'whats', 'wats', 'wat', 'wht', 'hows', 'whos', 'whys', 'wheres', 'whens', 'actual', 'dumb', 'stupid', 'silly', 'noob', 'newbie', 'tldr'];
// "what would you recommend", "any suggestions": asking for advice says nothing about the subject, and a fact that
// happens to say "--no-install-recommends" must not fit "recommend a keyboard" better for it.
const ASKING = ['recommend', 'recommends', 'recommended', 'recommendation', 'recommendations', 'suggest', 'suggestion', 'suggestions'];
// "when shouldn't we use containers": a negation is one word however it is typed ("shouldn't" splits into "shouldn" + "t").
const NEGATIONS = new Set(['no', 'not', 'dont', 'doesnt', 'didnt', 'cant', 'cannot', 'isnt', 'arent', 'wasnt', 'werent', 'wont', 'shouldnt', 'wouldnt', 'couldnt', 'hasnt', 'havent', 'don', 'doesn', 'didn', 'isn', 'aren', 'wasn', 'weren', 'shouldn', 'wouldn', 'couldn', 'hasn', 'haven', 'never']);
// "my lead says X. true?": who said it and asking whether it holds say nothing about the subject; X does.
const HEARSAY = ['say', 'says', 'said', 'saying', 'claim', 'claims', 'claimed', 'insist', 'insists', 'told', 'tells', 'reckon', 'reckons', 'apparently', 'supposedly', 'heard', 'coworker', 'coworkers', 'colleague', 'colleagues', 'boss', 'lead', 'true', 'correct', 'right'];
const OWNER = new Set(['my', 'our', 'your', 'a', 'small', 'tiny', 'early', 'stage', 'bootstrapped', 'funded']);
const STOP = new Set([...englishStopwords.filter((w) => !KEEP.has(w)), ...CHAT_FILLER, ...HEARSAY, ...ASKING, 's', 't', 're', 've', 'll', 'd', 'm']);

/** Chat filler, hearsay and asking words as typed ("kinda", "coworker"): ordinary words, never a typo of a name. */
export const chatWords: readonly string[] = [...CHAT_FILLER, ...HEARSAY, ...ASKING];

/** True for a word that never says what a message is about ("the", "pls", "coworker"): it is left out of ranking. */
export const isStopWord = (token: string): boolean => STOP.has(token);

/** True for a negation however it is typed ("isn" of "isn't", "dont"): a word of the question's form, never its subject. */
export const isNegation = (token: string): boolean => NEGATIONS.has(token);

export interface Analysed {
  /** Stemmed content words, in order. */
  readonly unigrams: readonly string[];
  /** Index terms: unigrams plus adjacent pairs ("live_migrat"), pairs never spanning a phrase break. */
  readonly terms: readonly string[];
}

/** Stemmed content words of one phrase. */
export const contentWords: (text: string) => readonly string[] = remembered((text) => {
  const out: string[] = [];
  let previous = '';
  for (const token of tokenize(text)) {
    // "is docker a vm or not": "or not" only asks for a yes or no.
    if (NEGATIONS.has(token)) {
      if (previous !== 'or') out.push('not');
    } else if ((token === 'claim' || token === 'claims') && previous === 'volume') {
      // "persistent volume claim" is a Kubernetes object, not hearsay ("my lead claims…").
      out.push(stem(token));
    } else if (token === 'startup' && OWNER.has(previous)) {
      // "our startup", "a startup" is a company, not start-up time.
      out.push('company');
    } else if (!STOP.has(token)) out.push(stem(token));
    previous = token;
  }
  return out;
});

// Each fact's phrasings, stemmed once per fact: ranking, scope and definitions all read them.
const phrasingWords = new WeakMap<object, readonly (readonly string[])[]>();

/** The stemmed content words of each of a fact's phrasings ("ask"), each word once per phrasing. */
export function askWordsOf(fact: { readonly ask: readonly string[] }): readonly (readonly string[])[] {
  let words = phrasingWords.get(fact);
  if (!words) phrasingWords.set(fact, (words = fact.ask.map((a) => [...new Set(contentWords(a))])));
  return words;
}

/** Terms of a text; each line is its own phrase, so pairs never join two phrasings. */
export const analyse: (text: string) => Analysed = remembered((text) => {
  const unigrams: string[] = [];
  const terms: string[] = [];
  for (const phrase of text.split('\n')) {
    const words = contentWords(phrase);
    for (let i = 0; i < words.length; i++) {
      unigrams.push(words[i]!);
      terms.push(words[i]!);
      if (i > 0) terms.push(`${words[i - 1]}_${words[i]}`);
    }
  }
  return { unigrams, terms };
});
