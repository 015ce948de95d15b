import { z } from 'zod';

/**
 * One file per intent under intents/, named <intent>.json:
 * { "intent": "define", "description": "...", "examples": ["what is kvm", ...] }
 * Examples are what users type; entity names in them are fine (the classifier learns the
 * question shape, the entity recogniser finds the technology).
 */
export const IntentFileSchema = z.strictObject({
  intent: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits and underscores'),
  description: z.string().min(10).max(300),
  examples: z.array(z.string().min(1).max(300)).min(8),
});
export type IntentFile = z.infer<typeof IntentFileSchema>;

/** One line of tests/eval/heldout.jsonl: a message written apart from the training examples, and its intent. */
export const LabelledExampleSchema = z.strictObject({
  text: z.string().min(1),
  intent: z.string(),
  /** Knowledge ids of the technologies the text names, in order of appearance. */
  entities: z.array(z.string()).optional(),
});
export type LabelledExample = z.infer<typeof LabelledExampleSchema>;
