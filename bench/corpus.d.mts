/** Types for corpus.mjs (the benchmark stays plain JavaScript so it runs without a build). */
export declare const CORPUS_VERSION: number;
/** The skill names of a corpus of `count` skills (unique, valid, deterministic). */
export declare function skillNames(count: number): string[];
/** Make sure `<cacheDir>/corpus/v<version>-<count>/` holds the corpus; returns its root (skills in `<root>/skills/<name>/`). */
export declare function ensureCorpus(cacheDir: string, count: number): Promise<string>;
