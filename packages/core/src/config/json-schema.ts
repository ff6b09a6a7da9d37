// The JSON Schema editors use to complete and check learnloop.yml, generated from the zod schema.
import { z } from "zod";
import { configSchema } from "./schema.js";

export function configJsonSchema(): object {
  return {
    ...z.toJSONSchema(configSchema, { io: "input", target: "draft-7" }),
    $id: "https://raw.githubusercontent.com/learnloop/learnloop/main/docs/learnloop.schema.json",
    title: "learnloop configuration",
  };
}
