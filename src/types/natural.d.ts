// natural ships types only for its root; these are the subpaths runwise imports (the root costs ~1 s and prints to stdout).
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer.js' {
  class AggressiveTokenizer {
    tokenize(text: string): string[];
  }
  export default AggressiveTokenizer;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  class BayesClassifier {
    addDocument(text: string | string[], label: string): void;
    train(): void;
    classify(text: string | string[]): string;
    getClassifications(text: string | string[]): { label: string; value: number }[];
  }
  export default BayesClassifier;
}
declare module 'natural/lib/natural/distance/dice_coefficient.js' {
  const dice: (a: string, b: string) => number;
  export default dice;
}
// stopwords.js (English) and stopwords_<lang>.js all export a word list.
declare module 'natural/lib/natural/util/stopwords*' {
  export const words: string[];
}
