import { z } from 'zod';
import { Facet } from '../knowledge/fact-schema.js';
import { readDataFile } from '../data-file.js';
import { remembered } from '../text/remembered.js';

const Pattern = z.string().refine((source) => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** data/question-forms.json: the wordings that ask for a kind of answer ("who makes…" asks for the maker). */
export const QuestionFormsFileSchema = z.strictObject({
  description: z.string().optional(),
  forms: z.array(z.strictObject({ facets: z.array(Facet).min(1), patterns: z.array(Pattern).min(1) })).min(1),
  joiners: z.array(z.string().regex(/^[a-z]+$/)).min(1),
  questionWords: z.array(z.string().regex(/^[a-z']+$/)).min(1),
});

export interface QuestionForms {
  /** The facets the wording asks for; the first matching form only, since an earlier form is the more specific. */
  facetsOf(text: string): readonly Facet[];
  /** Where a second question starts inside a sentence ("… and does it need a daemon"). */
  readonly joinerBreak: RegExp;
  /** Where a comma is followed by another question ("what is k3s, can it run on a pi"). */
  readonly commaBreak: RegExp;
  /** True when a sentence opens with a question word ("does it…", "how do i…"). */
  opensQuestion(sentence: string): boolean;
}

export function createQuestionForms(file: z.infer<typeof QuestionFormsFileSchema>): QuestionForms {
  // One alternation per form: a form matches when any of its patterns does.
  const forms = file.forms.map((f) => ({ facets: f.facets, pattern: new RegExp(f.patterns.map((p) => `(?:${p})`).join('|'), 'i') }));
  const words = file.questionWords.map((w) => w.replace(/'/g, "'?")).join('|');
  const joinerBreak = new RegExp(`,?\\s+(?:${file.joiners.join('|')})\\s+(?=(?:${words})\\b)`, 'i');
  // "and is dockershim still in there": a joiner may open the sentence.
  const opens = new RegExp(`^\\W*(?:(?:${file.joiners.join('|')}|so|ok|okay|but)\\s+)?(?:${words})\\b`, 'i');
  const commaBreak = new RegExp(`,\\s*(?=(?:${words})\\b)`, 'i');
  return {
    // A turn asks this of the same texts more than once (the question, then each part).
    facetsOf: remembered((text): readonly Facet[] => forms.find((form) => form.pattern.test(text))?.facets ?? []),
    joinerBreak,
    commaBreak,
    opensQuestion: (sentence) => opens.test(sentence),
  };
}

export function loadQuestionForms(path: string): QuestionForms {
  return createQuestionForms(readDataFile(path, QuestionFormsFileSchema));
}
