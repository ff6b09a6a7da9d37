// `@learnloop/core/config`: reading a learner's learnloop.yml, apart from the main entry, so a review with no
// config file never loads the schema's code (zod).
export { parseConfig } from "./load-config.js";
export { configSchema } from "./schema.js";
