import { defineConfig } from "vitest/config";

export default defineConfig({
  // Fixtures such as the 100k-file tree take seconds to build on a busy 2-core runner: give hooks room.
  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], hookTimeout: 60_000 },
});
