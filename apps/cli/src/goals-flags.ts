// The flags of `learnloop goals`, apart from the command: the parser reads them at every start, and the command's
// code (the goals issue's reader, with its schemas) loads only when `goals` runs.

export const GOALS_FORMATS = ["text", "json"] as const;

export interface GoalsFlags {
  goalsFile?: string;
  format: (typeof GOALS_FORMATS)[number];
  config?: string;
  quiet: boolean;
  model?: string;
  /** False with --no-llm; with a key or base URL set, the model may improve the coaching's rewrites. */
  llm?: boolean;
}
