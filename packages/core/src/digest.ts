// Digests of short texts (a finding's identity, a function body's key). Node's one-call `crypto.hash` (20.12 on)
// where it exists: a `createHash` object costs several times as much, felt by a review that hashes every function
// body and every finding. The same digest either way.
import * as crypto from "node:crypto";

type Algorithm = "sha1" | "sha256";
type Encoding = "hex" | "base64";

export const digest: (algorithm: Algorithm, data: string, encoding: Encoding) => string =
  typeof crypto.hash === "function"
    ? (algorithm, data, encoding) => crypto.hash(algorithm, data, encoding)
    : (algorithm, data, encoding) => crypto.createHash(algorithm).update(data).digest(encoding);
