// security/unsafe-yaml-load: `yaml.load` without a safe Loader, or with one that builds any Python object.
import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import { outsideTests } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

const LOAD = /^(yaml|ruamel\.yaml)\.(load|load_all|unsafe_load|unsafe_load_all)$/;
/** Loaders that construct arbitrary Python objects from tags like `!!python/object/apply`. */
const UNSAFE_LOADER = /^(yaml\.)?(Loader|UnsafeLoader|CLoader|CUnsafeLoader)$/;

export const unsafeYamlLoad: FileDetector = {
  scope: "file",
  languages: ["python"],
  appliesToPath: outsideTests,
  prefilter: /\byaml\.(unsafe_)?load/,
  meta: {
    id: "security/unsafe-yaml-load",
    area: "security",
    level: "actionable",
    title: "YAML is loaded with a loader that can build any Python object",
    why: "PyYAML's full `Loader` turns tags like `!!python/object/apply:os.system` into real calls, so a crafted YAML file (a config from a pull request, an uploaded prompt file) runs code when it is read. `yaml.safe_load` reads the same plain data without that power, and PyYAML 6 refuses `yaml.load` with no Loader at all.",
    tryThis:
      "Replace `yaml.load(f)` with `yaml.safe_load(f)`, run the code that reads the file, and check the values come back the same.",
    learnMore: [
      "https://pyyaml.org/wiki/PyYAMLDocumentation",
      "https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation",
    ],
    example: {
      language: "python",
      file: "config.py",
      bad: 'with open("config.yaml") as f:\n    config = yaml.load(f)',
      good: 'with open("config.yaml") as f:\n    config = yaml.safe_load(f)',
    },
    goal: "Read every YAML file with yaml.safe_load (or Loader=yaml.SafeLoader)",
  },
  check(file, { syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const found: RawFinding[] = [];
    for (const { node, name } of calls(tree)) {
      if (!LOAD.test(name)) continue;
      const kw = keywordArguments(node);
      if (kw === null) continue;
      const loader = kw.get("Loader") ?? positionalArguments(node)[1];
      const short = name.replace(/^ruamel\./, "");
      let message: string | null = null;
      if (/unsafe_load/.test(name)) {
        message = `\`${short}\` builds any Python object the file describes, so a crafted file runs code when it is read.`;
      } else if (!loader) {
        message = `\`${short}\` is called without a safe Loader: PyYAML 6 rejects it, and older versions build any Python object the file describes.`;
      } else if (UNSAFE_LOADER.test(loader.text)) {
        message = `\`${short}\` uses \`${loader.text}\`, which builds any Python object the file describes, so a crafted file runs code when it is read.`;
      }
      if (message) found.push({ file: file.path, line: lineOf(node), message });
    }
    return found;
  },
};
