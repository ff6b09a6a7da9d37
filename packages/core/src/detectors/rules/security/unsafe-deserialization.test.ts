import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { unsafeDeserialization } from "./unsafe-deserialization.js";

const RULE = "security/unsafe-deserialization";
type Report = Awaited<ReturnType<typeof reviewTree>>;
const where = (report: Report) => report.findings.map((f) => [f.ruleId, f.file, f.line]);

describe("security/unsafe-deserialization", () => {
  it("fires on pickle, joblib and torch.load of downloaded data, at the load", async () => {
    const report = await reviewTree(
      {
        "load.py": [
          "import pickle, joblib, requests, torch",
          "from huggingface_hub import hf_hub_download",
          "",
          "def fetch_index(url):",
          "    resp = requests.get(url, timeout=10)",
          "    return pickle.loads(resp.content)",
          "",
          "def fetch_model():",
          "    path = hf_hub_download(repo_id='someone/sentiment', filename='model.joblib')",
          "    return joblib.load(path)",
          "",
          "def fetch_weights():",
          "    weights = hf_hub_download('someone/net', 'pytorch_model.bin')",
          "    return torch.load(weights, map_location='cpu')",
        ].join("\n"),
      },
      [unsafeDeserialization],
    );
    expect(where(report)).toEqual([
      [RULE, "load.py", 6],
      [RULE, "load.py", 10],
      [RULE, "load.py", 14],
    ]);
    expect(report.findings.map((f) => f.message)).toEqual([
      "`pickle.loads` unpickles a download, so the file can run any code on this machine.",
      "`joblib.load` unpickles a download, so the file can run any code on this machine.",
      "`torch.load` reads a download without `weights_only=True`, so on PyTorch before 2.6 (or with `weights_only=False`) the file can run code.",
    ]);
  });

  it("fires on a file saved from a URL and opened again, and on a pickle read straight from a URL", async () => {
    const report = await reviewTree(
      {
        "setup_data.py": [
          "import pickle, requests",
          "import pandas as pd",
          "from urllib.request import urlretrieve",
          "urlretrieve('https://example.com/vectors.pkl', 'vectors.pkl')",
          "with open('vectors.pkl', 'rb') as fh:",
          "    vectors = pickle.load(fh)",
          "r = requests.get(MODEL_URL)",
          "with open('clf.pkl', 'wb') as out:",
          "    out.write(r.content)",
          "clf = pickle.load(open('clf.pkl', 'rb'))",
          "df = pd.read_pickle('https://example.com/frame.pkl')",
        ].join("\n"),
      },
      [unsafeDeserialization],
    );
    expect(where(report)).toEqual([
      [RULE, "setup_data.py", 6],
      [RULE, "setup_data.py", 10],
      [RULE, "setup_data.py", 11],
    ]);
  });

  it("fires on an uploaded file in FastAPI, Flask and Streamlit, and names the upload", async () => {
    const report = await reviewTree(
      {
        "api.py": [
          "import pickle",
          "from fastapi import FastAPI, UploadFile",
          "from flask import request",
          "import streamlit as st",
          "app = FastAPI()",
          "@app.post('/predict')",
          "async def predict(file: UploadFile):",
          "    model = pickle.loads(await file.read())",
          "def flask_view():",
          "    model = pickle.load(request.files['model'])",
          "uploaded = st.file_uploader('Model')",
          "if uploaded:",
          "    model = pickle.load(uploaded)",
        ].join("\n"),
      },
      [unsafeDeserialization],
    );
    expect(where(report)).toEqual([
      [RULE, "api.py", 8],
      [RULE, "api.py", 10],
      [RULE, "api.py", 13],
    ]);
    expect(report.findings.every((f) => f.message.includes("a user's upload"))).toBe(true);
  });

  it("fires in a notebook that downloads and unpickles", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import pickle, urllib.request", outputs: [] },
        {
          cell_type: "code",
          source: "data = pickle.load(urllib.request.urlopen('https://example.com/d.pkl'))",
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [unsafeDeserialization]);
    expect(where(report)).toEqual([[RULE, "explore.ipynb", ipynbLine(notebook, "data = pickle.load(")]]);
  });

  it("fires on torch.load of the project's own checkpoint when requirements pin PyTorch before 2.6", async () => {
    const predict =
      "import torch\n\ndef predict(path):\n    model = torch.load('checkpoints/cnn.pt')\n    return model\n";
    for (const pin of ["torch==2.3.1\n", "numpy\ntorch<2.6\n", "torch>=2.0,<=2.5.1\n"]) {
      const report = await reviewTree({ "predict.py": predict, "requirements.txt": pin }, [
        unsafeDeserialization,
      ]);
      expect(
        report.findings.map((f) => [f.ruleId, f.file, f.line]),
        pin,
      ).toEqual([[RULE, "predict.py", 4]]);
    }
    const report = await reviewTree({ "predict.py": predict, "requirements.txt": "torch==2.3.1\n" }, [
      unsafeDeserialization,
    ]);
    expect(report.findings[0]!.message).toBe(
      "`torch.load` runs without `weights_only=True` on the pinned PyTorch 2.3.1, where loading a file runs any code pickled into it.",
    );
  });

  it("fires on torch.load of a local file when no manifest requires PyTorch 2.6, or with weights_only=False", async () => {
    const report = await reviewTree(
      {
        "predict.py": [
          "import torch",
          "model = torch.load('sentiment.pt', map_location='cpu')",
          "state = torch.load('cnn.pt', weights_only=False)",
        ].join("\n"),
        "requirements.txt": "torch\ntransformers\n",
      },
      [unsafeDeserialization],
    );
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [
        2,
        "`torch.load` is called without `weights_only=True`: before PyTorch 2.6 (which this project does not require) it unpickles the file, which can run any code in it.",
      ],
      [
        3,
        "`torch.load(..., weights_only=False)` unpickles the file, so loading it runs any code pickled into it.",
      ],
    ]);
  });

  it("stays quiet on torch.load of a local file when PyTorch 2.6+ is required, or with weights_only=True", async () => {
    const predict = "import torch\nmodel = torch.load('checkpoints/cnn.pt')\n";
    for (const pin of ["torch==2.6.0\n", "torch>=2.6\n", "torch~=2.7.1\n", "numpy\ntorch>=2.8,<3\n"]) {
      const report = await reviewTree({ "predict.py": predict, "requirements.txt": pin }, [
        unsafeDeserialization,
      ]);
      expect(report.findings, pin).toEqual([]);
    }
    const safe = await reviewTree(
      {
        "predict.py":
          "import torch\nstate = torch.load('cnn.pt', weights_only=True)\nx = torch.load(p, **opts)\n",
        "requirements.txt": "torch==2.3.1\n",
      },
      [unsafeDeserialization],
    );
    expect(safe.findings).toEqual([]);
  });

  it("stays quiet on the project's own pickles, and on downloads loaded with weights_only=True", async () => {
    const report = await reviewTree(
      {
        "train.py": [
          "import pickle, joblib, torch, requests",
          "import numpy as np",
          "from huggingface_hub import hf_hub_download",
          "joblib.dump(model, 'model.joblib')",
          "model = joblib.load('model.joblib')",
          "with open('cache/embeddings.pkl', 'rb') as fh:",
          "    cache = pickle.load(fh)",
          "weights = torch.load(hf_hub_download('someone/net', 'model.pt'), weights_only=True)",
          "arr = np.load(hf_hub_download('someone/data', 'x.npy'))",
          "resp = requests.get(URL)",
          "rows = resp.json()",
          "pickle.dump(rows, open('rows.pkl', 'wb'))",
          "rows = pickle.load(open('rows.pkl', 'rb'))",
        ].join("\n"),
        "tests/test_load.py": "import pickle, requests\npickle.loads(requests.get(URL).content)\n",
      },
      [unsafeDeserialization],
    );
    expect(report.findings).toEqual([]);
  });
});
