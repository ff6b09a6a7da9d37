import { describe, expect, it } from "vitest";
import { startProgress } from "./progress.js";

const fakeStream = () => {
  const writes: string[] = [];
  return { writes, stream: { write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("progress on stderr", () => {
  it("stays silent for runs shorter than the delay", async () => {
    const { writes, stream } = fakeStream();
    const progress = startProgress(stream, true, 1000);
    progress.update(5);
    await sleep(300);
    progress.stop();
    expect(writes).toEqual([]);
  });

  it("shows the file count once the delay has passed, and clears its line at the end", async () => {
    const { writes, stream } = fakeStream();
    const progress = startProgress(stream, true, 50);
    progress.update(42);
    await sleep(450);
    progress.stop();
    expect(writes[0]).toBe("\rlearnloop: reviewing… 42 files");
    expect(writes.at(-1)).toBe("\r\x1b[2K");
  });

  it("writes nothing when disabled (not a terminal, or --quiet)", async () => {
    const { writes, stream } = fakeStream();
    const progress = startProgress(stream, false, 0);
    await sleep(300);
    progress.stop();
    expect(writes).toEqual([]);
  });
});
