// reproducibility/missing-dependency-manifest: code imports third-party packages and nothing lists them
// (no requirements.txt / pyproject.toml / ... for Python, no package.json for JavaScript and TypeScript).
import { JS_MANIFEST, PYTHON_MANIFEST } from "../../lib/dependency-files.js";
import type { RepoView } from "../../repo-view.js";
import type { RepoDetector } from "../../types.js";

/** Python's standard library (sys.stdlib_module_names, without the private ones) plus `__future__`. */
const PYTHON_STDLIB = new Set(
  (
    "__future__ abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii " +
    "bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys " +
    "compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses " +
    "datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl " +
    "filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp " +
    "gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json " +
    "keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib " +
    "msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os " +
    "ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint " +
    "profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib " +
    "resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib " +
    "sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string " +
    "stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios " +
    "textwrap this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle " +
    "turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg " +
    "winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo"
  ).split(" "),
);
/** Modules the notebook environment itself provides, not something to list. */
const PYTHON_PROVIDED = new Set(["IPython", "google.colab", "ipykernel"]);
const NODE_BUILTINS = new Set(
  (
    "assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns domain " +
    "events fs http http2 https inspector module net os path perf_hooks process punycode querystring readline repl " +
    "stream string_decoder sys timers tls trace_events tty url util v8 vm wasi worker_threads zlib test"
  ).split(" "),
);
/** Dependencies installed inline (`%pip install`, `!pip install`; the loader turns magics into `#` comments) or declared inline (PEP 723 `# /// script`). */
const INLINE_INSTALL = /^\s*[!%#]\s*(pip|uv|conda|mamba)\b.*\binstall\b|^\s*#\s*\/\/\/\s*script\b/m;

/** Top-level names of the repo's own Python modules and packages (`utils` for utils.py or utils/x.py). */
function localModules(repo: RepoView): Set<string> {
  const names = new Set<string>();
  for (const path of repo.paths) {
    if (!/\.(py|ipynb)$/.test(path)) continue;
    const parts = path.replace(/\.(py|ipynb)$/, "").split("/");
    for (const part of parts) names.add(part);
  }
  return names;
}

function pythonPackages(repo: RepoView): string[] {
  const local = localModules(repo);
  const found = new Set<string>();
  for (const file of repo.files) {
    if (file.language !== "python") continue;
    if (INLINE_INSTALL.test(file.text)) return [];
    for (const module of repo.importsOf(file)) {
      const top = module.split(".")[0]!;
      if (PYTHON_STDLIB.has(top) || local.has(top) || PYTHON_PROVIDED.has(module) || PYTHON_PROVIDED.has(top))
        continue;
      if (module.startsWith("google.colab")) continue;
      found.add(top);
    }
  }
  return [...found];
}

function jsPackages(repo: RepoView): string[] {
  const found = new Set<string>();
  for (const file of repo.files) {
    if (file.language !== "javascript" && file.language !== "typescript") continue;
    for (const spec of repo.importsOf(file)) {
      // Relative paths, URLs (a CDN in a static page), Deno's npm:/jsr: specifiers and Node's builtins need no manifest.
      if (/^(\.|\/|node:|bun:|npm:|jsr:|https?:|data:)/.test(spec)) continue;
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
      if (NODE_BUILTINS.has(name)) continue;
      found.add(name);
    }
  }
  return [...found];
}

const listed = (names: string[]): string =>
  names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");

export const missingDependencyManifest: RepoDetector = {
  scope: "repo",
  meta: {
    id: "reproducibility/missing-dependency-manifest",
    area: "reproducibility",
    level: "actionable",
    title: "The code imports packages that no file lists",
    why: "A dependency manifest (requirements.txt or pyproject.toml for Python, package.json for JavaScript) is how anyone, including CI and you on a new laptop, installs what the project needs in one step. Without it, the only way to run the code is to guess from the imports, and guesses pick versions the code was never run with.",
    tryThis:
      "In a fresh virtual environment, install what the code imports until it runs, then write the packages with their versions to requirements.txt (`pip freeze > requirements.txt`, then keep only what you use) and check `pip install -r requirements.txt` works from scratch.",
    learnMore: [
      "https://packaging.python.org/en/latest/tutorials/installing-packages/#requirements-files",
      "https://docs.npmjs.com/cli/v10/configuring-npm/package-json#dependencies",
    ],
    example: {
      language: "text",
      file: "(repository root)",
      bad: "bot.py   # import openai, chromadb",
      good: "bot.py\nrequirements.txt   # openai==1.54.4\n                   # chromadb==0.5.20",
    },
    goal: "Add a dependency manifest listing every third-party package the code imports, and check the project installs from it in a fresh environment",
  },
  check(repo) {
    const gaps: string[] = [];
    if (!repo.paths.some((p) => PYTHON_MANIFEST.test(p))) {
      const packages = pythonPackages(repo);
      if (packages.length > 0)
        gaps.push(
          `Python code imports ${listed(packages)} but no requirements.txt or pyproject.toml lists them`,
        );
    }
    // A page whose import map points bare names at a CDN needs no package.json.
    const importMap = repo.files.some(
      (f) => /\.html?$/i.test(f.path) && /type\s*=\s*["']importmap["']/i.test(f.text),
    );
    if (!importMap && !repo.paths.some((p) => JS_MANIFEST.test(p))) {
      const packages = jsPackages(repo);
      if (packages.length > 0)
        gaps.push(`JavaScript/TypeScript code imports ${listed(packages)} but there is no package.json`);
    }
    if (gaps.length === 0) return [];
    return [{ file: null, line: null, message: `${gaps.join("; ")}.` }];
  },
};
