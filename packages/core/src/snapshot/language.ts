// Which language a file is, from its name: decides which rules read it.
import type { Language } from "./types.js";

const BY_EXTENSION: Record<string, Language> = {
  py: "python",
  pyi: "python",
  ipynb: "python",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "typescript",
  md: "markdown",
  markdown: "markdown",
  rst: "markdown",
};

export function languageOf(path: string): Language {
  const dot = path.lastIndexOf(".");
  if (dot === -1 || dot < path.lastIndexOf("/")) return "text";
  return BY_EXTENSION[path.slice(dot + 1).toLowerCase()] ?? "text";
}

export const isNotebook = (path: string): boolean => path.toLowerCase().endsWith(".ipynb");
