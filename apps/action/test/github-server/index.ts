// The fake GitHub REST server for end-to-end tests. See README.md.

export { countChanges, findLine, makePatch, parsePatch, type Side } from "./diff.js";
export {
  actionEnvironment,
  buildPullRequestFixture,
  type PullRequestFixture,
  type PullRequestFixtureOptions,
  webhookExample,
  writeEventFile,
} from "./fixtures.js";
export { BODY_LIMIT } from "./handlers.js";
export { matchRoute, OPENAPI_FILE } from "./openapi.js";
export {
  type ContractViolation,
  type FaultMatch,
  type FaultRule,
  type GitHubServer,
  type GitHubServerOptions,
  permissionDeniedFault,
  primaryRateLimitFault,
  type RecordedRequest,
  secondaryRateLimitFault,
  serverErrorFault,
  startGitHubServer,
  type ViolationKind,
} from "./server.js";
export {
  blobSha,
  type FileChange,
  fakeSha,
  GITHUB_ACTIONS_BOT,
  GitHubState,
  type JsonObject,
  type RepoState,
  type User,
} from "./state.js";
