// Test helpers other packages of the workspace share (`@learnloop/core/testing`): never imported by product code.
export { ipynbLine, jupyterJson } from "./notebook.js";
export { finding, reportOf } from "./reports.js";
