// `@learnloop/core/goals`: the learning-goals issue (or goals file) read, merged with a review and written back,
// apart from the main entry: its state block is validated with zod, which a review alone never needs.
export { MAX_BODY, type MergeOptions, type MergeResult, mergeReview } from "./merge.js";
export { parseGoalsBody, renderGoalsBody } from "./parse-body.js";
