// The labelled corpora as tools outside core use them (`pnpm eval`): their format and how reports are matched.
export {
  corpusRepos,
  type Expected,
  expectedSchema,
  type Label,
  labelSchema,
  readExpected,
} from "./labels.js";
export { type LabelMatch, LINE_TOLERANCE, matchLabels, type Spot } from "./match.js";
