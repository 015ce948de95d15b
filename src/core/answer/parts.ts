import { contentWords } from '../retrieve/terms.js';
import type { QuestionForms } from './question-form.js';

/** A stretch of a message: something it asks, or context around what it asks ("we run 40 php sites."). */
export interface Piece {
  text: string;
  asks: boolean;
}

// Lines, semicolons and list markers separate questions ("1) what is a hypervisor 2) is kvm built into linux",
// "q1 do we still need vms? q2 which runtime").
const LIST_MARKER = /(?:^|\s)(?:(?:\d|[a-d])[).:]|q\d[).:]?)(?=\s)/i;
// The semicolon of "tl;dr" separates nothing.
const LIST_BREAK = new RegExp(`(?<!\\btl);|\\n+|${LIST_MARKER.source}`, 'i');
// "its debian underneath right": a statement closed by a tag asks whether it holds.
const TAG_QUESTION = /\b(?:right|correct|true|yeah|innit)\s*[.!]*\s*$/i;
// Sentences end at . ! ? (a question mark stays on its sentence: it says the sentence asks).
const SENTENCE_END = /(?<=[.!?])\s+/;

/**
 * The message cut into what it asks and what it says around that. Without question forms (tests that
 * build a reader by hand), the whole message is one question.
 */
export function piecesOf(forms: QuestionForms | undefined, text: string): Piece[] {
  if (!forms) return [{ text, asks: true }];
  const listed = LIST_MARKER.test(text);
  const pieces: Piece[] = [];
  for (const chunk of text.split(LIST_BREAK)) {
    if (chunk === undefined || chunk.trim() === '') continue;
    for (const said of chunk.split(SENTENCE_END)) {
      if (said.trim() === '') continue;
      const sentence = withoutAnnouncement(forms, said);
      const asks = listed || /\?\s*$/.test(sentence) || TAG_QUESTION.test(sentence) || forms.opensQuestion(afterLeadIn(sentence)) || forms.facetsOf(sentence).length > 0;
      // "is podman rootless and does it need a daemon": two questions in one sentence.
      for (const part of asks ? sentence.split(forms.joinerBreak).flatMap((p) => atCommas(forms, p)) : [sentence]) if (part.trim() !== '') pieces.push({ text: part.trim(), asks });
    }
  }
  return pieces;
}

// A few words and a colon before a question: "xen vs kvm: which is older, …" says what the questions are about;
// "two things: …", "3 quick ones: …", "mgmt asks: …" only announce them.
const LEAD_IN = /^\s*(?:\S+\s+){0,3}\S+:\s+/;
const ANNOUNCES = /(?:^|\s)(?:things?|questions?|q'?s?|ones?|asks?|asked|asking|wants?|wondering|know|here)\s*:\s+$/i;

const afterLeadIn = (sentence: string) => sentence.slice(LEAD_IN.exec(sentence)?.[0].length ?? 0);

/**
 * "what is k3s, can it run on a pi, does it use docker": questions listed with commas. A comma starts a new question
 * only after one ("if i use docker, is it slower" is one question); the first keeps its lead-in ("xen vs kvm: which is
 * older, which is faster").
 */
function atCommas(forms: QuestionForms, sentence: string): string[] {
  const parts = sentence.split(forms.commaBreak);
  return parts.length > 1 && forms.opensQuestion(afterLeadIn(parts[0]!)) ? parts : [sentence];
}

function withoutAnnouncement(forms: QuestionForms, sentence: string): string {
  const lead = LEAD_IN.exec(sentence);
  const rest = lead ? sentence.slice(lead[0].length) : sentence;
  return lead && ANNOUNCES.test(lead[0]) && forms.opensQuestion(rest) ? rest : sentence;
}

// "wait, what is a hypervisor?": an interjection set off by a comma says nothing of the subject ("wait" would match
// kubectl wait). Only when punctuation follows it: "wait for the rollout" keeps its verb.
const INTERJECTION = /^\s*(?:wait|hold on|hang on|oh|ah|ahh|hmm+|um+|uh+|erm|ok so|okay so|sorry|also|btw)\s*[,!:;.]+\s*/i;

/** The message without a leading interjection ("wait, …", "hmm, …"). */
export function withoutInterjection(text: string): string {
  const rest = text.replace(INTERJECTION, '');
  return rest.trim() === '' ? text : rest;
}

const QUESTION_MIN_WORDS = 3;
const POINTS_BACK_MAX_WORDS = 5;
// "…: 'vms are more reliable than containers'. push back or agree?": a verdict asked on what was said before.
const POINTS_BACK = /\b(?:that|this|it|they|them|those|these|agree|disagree|push back|thoughts|opinions?|valid|legit|accurate|myth|nonsense)\b/i;

/**
 * "we moved 40 php sites to one box last year. does docker need a daemon?": the question is what is ranked;
 * the sentences around it only break ties. A short question ("…status Exited (0). why??") is about what
 * was said before it, so the whole message is.
 */
export function askedAndContext(pieces: readonly Piece[], text: string): { asked: string; context?: string } {
  const asked = pieces.filter((p) => p.asks).map((p) => p.text);
  const context = pieces.filter((p) => !p.asks).map((p) => p.text);
  if (asked.length === 0 || context.length === 0) return { asked: text };
  const askedWords = contentWords(asked.join(' ')).length;
  // "…move 30 vms to k8s. is that a good idea?": a short question about "that" is about what was said before it.
  const pointsBack = askedWords < POINTS_BACK_MAX_WORDS && asked.some((a) => POINTS_BACK.test(a));
  if (askedWords < QUESTION_MIN_WORDS || pointsBack) return { asked: text };
  return { asked: asked.join('\n'), context: context.join('\n') };
}
