import { describe, expect, it } from "vitest";
import { changedFilesFromDiff } from "./diff.js";

const DIFF = `diff --git a/app.py b/app.py
index 1111111..2222222 100644
--- a/app.py
+++ b/app.py
@@ -3,0 +4,2 @@ def main():
+    try:
+        run()
@@ -10 +12 @@ def other():
-    old()
+    new()
diff --git a/new.py b/new.py
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.py
@@ -0,0 +1,2 @@
+a = 1
+b = 2
diff --git a/gone.py b/gone.py
deleted file mode 100644
index 4444444..0000000
--- a/gone.py
+++ /dev/null
@@ -1 +0,0 @@
-x = 1
`;

describe("changedFilesFromDiff", () => {
  it("lists each file with the new-side lines it adds", () => {
    const files = changedFilesFromDiff(DIFF);
    expect(files.map((f) => [f.path, f.status, [...f.addedLines]])).toEqual([
      ["app.py", "modified", [4, 5, 12]],
      ["new.py", "added", [1, 2]],
      ["gone.py", "deleted", []],
    ]);
  });

  it("returns nothing for an empty diff", () => {
    expect(changedFilesFromDiff("")).toEqual([]);
  });
});
