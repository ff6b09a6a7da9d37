// A stand-in for any HTTP service a test must prove nothing reaches (LangSmith's trace endpoint, say): it answers
// 200 `{}` to everything and records what came.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface RequestRecorder {
  /** `http://127.0.0.1:<port>`, to put where the service's address goes (e.g. LANGSMITH_ENDPOINT). */
  url: string;
  /** `METHOD /path` of every request so far. */
  requests: string[];
  close(): Promise<void>;
}

export async function startRequestRecorder(): Promise<RequestRecorder> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
