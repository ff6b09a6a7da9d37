// The reproducibility rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { missingDependencyManifest } from "./missing-dependency-manifest.js";
import { missingLockfile } from "./missing-lockfile.js";
import { notebookOutOfOrder } from "./notebook-out-of-order.js";
import { pinnedDependencies } from "./pinned-dependencies.js";
import { unpinnedRequirements } from "./unpinned-requirements.js";

export const reproducibilityRules: readonly Detector[] = [
  missingDependencyManifest,
  unpinnedRequirements,
  missingLockfile,
  notebookOutOfOrder,
  pinnedDependencies,
];
