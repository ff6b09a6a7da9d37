import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDirectory } from "@learnloop/core";
import { create } from "tar";
import { afterAll, describe, expect, it } from "vitest";
import { readTarball, tarballFileSystem } from "./tarball.js";

const temp = mkdtempSync(join(tmpdir(), "learnloop-tar-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function githubStyleTarball(files: Record<string, string>): Promise<Uint8Array> {
  const top = "octo-repo-0123abc";
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(temp, top, path, ".."), { recursive: true });
    writeFileSync(join(temp, top, path), text);
  }
  const out = join(temp, "repo.tar.gz");
  await create({ gzip: true, cwd: temp, file: out, portable: true }, [top]);
  return new Uint8Array(readFileSync(out));
}

describe("repository tarball", () => {
  it("lists every file, keeps only the wanted ones, and loads as a snapshot", async () => {
    const archive = await githubStyleTarball({
      "app.py": "try:\n    x()\nexcept:\n    pass\n",
      "docs/guide.md": "# guide",
      [`deep/${"long-folder-name/".repeat(8)}file.py`]: "x = 1\n",
    });
    const tree = await readTarball(archive, (p) => p.endsWith(".py"));
    expect(tree.listing.sort()).toEqual([
      "app.py",
      `deep/${"long-folder-name/".repeat(8)}file.py`,
      "docs/guide.md",
    ]);
    expect([...tree.files.keys()].sort()).toEqual(["app.py", `deep/${"long-folder-name/".repeat(8)}file.py`]);

    const snapshot = await loadDirectory("/tarball", {
      fs: tarballFileSystem("/tarball", tree),
      listing: tree.listing,
      wantText: (p) => p === "app.py",
    });
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    expect(snapshot.value.paths).toHaveLength(3);
    expect(snapshot.value.files.map((f) => [f.path, f.lines[2]])).toEqual([["app.py", "except:"]]);
  });

  it("rejects an archive that is not a tarball", async () => {
    await expect(
      readTarball(new TextEncoder().encode("<html>not found</html>"), () => true),
    ).rejects.toThrow();
  });
});
