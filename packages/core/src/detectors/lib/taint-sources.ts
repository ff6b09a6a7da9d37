// Where untrusted data enters a program, as the security rules see it: a model's reply, a user's request or
// typed input, a file downloaded or uploaded. Each answers for one expression node; `ValueFlow` follows them.
import { callName } from "../../parse/syntax.js";
import type { Node } from "../../parse/tree-sitter.js";
import { isModelCall } from "./llm-code.js";

const compact = (text: string): string => text.replace(/\s+/g, "").replace(/\?\./g, ".");

/** Agents, chains and query engines whose result is text the model wrote. */
const AGENT_CALL =
  /(^|\.)\w*(agent|executor|crew|chain|llm|qa|rag|engine|assistant)\w*\.(a?run|a?invoke|kickoff|a?call|predict|chat|a?query|complete)$/i;
/** Attribute chains that only a model API returns: `choices[0].message.content`, `output_text`, `content[0].text`. */
const REPLY_ACCESS =
  /\.choices\[\d+\]\.(message\.content|message\.tool_calls|message|text|delta\.content)$|\.output_text$|\.content\[0\]\.text$|\.tool_calls$/;

/** Whether the expression is a model's reply: a completion call, or an access only a model response has. */
export function isModelReply(node: Node): boolean {
  if (node.type === "call" || node.type === "call_expression") {
    const name = callName(node);
    return name !== null && (isModelCall(name) || AGENT_CALL.test(name));
  }
  if (node.type === "attribute" || node.type === "member_expression")
    return REPLY_ACCESS.test(compact(node.text));
  return false;
}

/** Parameter names that, in an LLM app, hold what the user typed. */
export const USER_TEXT_NAME =
  /^(question|query|user_input|user_message|user_query|user_question|user_prompt|user_text|user_msg|input_text|human_input|question_text|message|msg|userInput|userMessage|userQuery|userQuestion|userPrompt)$/;

const USER_INPUT_CALL =
  /^(input|raw_input|(rl|readline|reader|terminal)\.question|st\.(text_input|chat_input|text_area)|streamlit\.(text_input|chat_input|text_area)|click\.prompt|typer\.prompt|Prompt\.ask|request\.get_json|request\.args\.get|request\.form\.get|request\.values\.get)$|^(req|request)\.(json|formData|text)$/;
const USER_INPUT_ACCESS =
  /^(request|req)\.(json|form|args|values|data|body|query|params|query_params|path_params)\b|^sys\.argv\b|^process\.argv\b/;

/** Whether the expression is text a user controls: a request's body or query, typed input, command-line words. */
export function isUserInput(node: Node): boolean {
  if (node.type === "call" || node.type === "call_expression") {
    const name = callName(node);
    return name !== null && USER_INPUT_CALL.test(name);
  }
  if (node.type === "attribute" || node.type === "member_expression" || node.type === "subscript") {
    return USER_INPUT_ACCESS.test(compact(node.text));
  }
  return false;
}

const DOWNLOAD_CALL =
  /^(requests|httpx|urllib3|session|http)\.(get|post|request)$|^requests\.Session\(\)\.get$|(^|\.)(urlopen|urlretrieve|hf_hub_download|cached_download|download_url_to_file|get_file)$|^(wget|gdown)\.download$|^(st|streamlit)\.file_uploader$/;
const UPLOAD_ACCESS = /^(request|req)\.(files|data|stream|get_data|body)\b/;
/** Parameter types that hold an uploaded file (FastAPI, Flask/Werkzeug, Streamlit). */
export const UPLOAD_TYPE = /\b(UploadFile|FileStorage|UploadedFile)\b/;

/** Whether the expression is data from outside the project: a download, an upload, a URL. */
export function isDownloadOrUpload(node: Node): boolean {
  if (node.type === "call" || node.type === "call_expression") {
    const name = callName(node);
    return name !== null && DOWNLOAD_CALL.test(name);
  }
  if (node.type === "attribute" || node.type === "subscript") return UPLOAD_ACCESS.test(compact(node.text));
  if (node.type === "string") return /^[rbuRBU]*["']{1,3}https?:\/\//.test(node.text);
  return false;
}
