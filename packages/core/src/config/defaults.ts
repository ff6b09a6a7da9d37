// The settings a review uses when the learner wrote none, and where they write them: plain values, so a review
// with no config file never loads the schema's code (zod, about 60 ms of a command's start-up).
import type { LearnloopConfig } from "./schema.js";

export const CONFIG_PATH = ".github/learnloop.yml";

export const TONES = ["encouraging", "concise"] as const;

/** `configSchema.parse({})`, written out (a test holds them equal). */
export const DEFAULT_CONFIG: LearnloopConfig = {
  focus: [],
  skip: [],
  ignore: [],
  "max-inline-comments": 10,
  tone: "encouraging",
};
