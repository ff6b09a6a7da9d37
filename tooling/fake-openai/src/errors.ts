// OpenAI's error body, `{ error: { message, type, param, code } }`, and the answers this server gives with it.

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** A request OpenAI would reject, with the status and body it would answer. */
export interface Rejection {
  status: number;
  body: OpenAIErrorBody;
}

export function errorBody(
  message: string,
  type: string,
  param: string | null = null,
  code: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

/** 400 invalid_request_error, the answer to a malformed request. */
export function invalidRequest(
  message: string,
  param: string | null = null,
  code: string | null = null,
): Rejection {
  return { status: 400, body: errorBody(message, "invalid_request_error", param, code) };
}

export const INVALID_JSON = invalidRequest(
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
);

export const NO_API_KEY: Rejection = {
  status: 401,
  body: errorBody(
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    "invalid_request_error",
  ),
};

/** Unlike OpenAI, which echoes a masked key, nothing of the key is repeated. */
export const WRONG_API_KEY: Rejection = {
  status: 401,
  body: errorBody(
    "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
    "invalid_request_error",
    null,
    "invalid_api_key",
  ),
};

export function unknownModel(model: string): Rejection {
  return {
    status: 404,
    body: errorBody(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      "invalid_request_error",
      null,
      "model_not_found",
    ),
  };
}

export function unknownRoute(method: string, path: string): Rejection {
  return { status: 404, body: errorBody(`Invalid URL (${method} ${path})`, "invalid_request_error") };
}

export function contextLengthExceeded(limit: number, tokens: number): Rejection {
  return invalidRequest(
    `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${tokens} tokens. Please reduce the length of the messages.`,
    "messages",
    "context_length_exceeded",
  );
}

/** The default body of a scripted error status. */
export function statusErrorBody(status: number): OpenAIErrorBody {
  if (status === 401) return WRONG_API_KEY.body;
  if (status === 429) return errorBody("Rate limit reached.", "requests", null, "rate_limit_exceeded");
  if (status >= 500)
    return errorBody(
      "The server had an error while processing your request. Sorry about that!",
      "server_error",
    );
  return errorBody(`Request failed with status ${status}.`, "invalid_request_error");
}

/** Why a request got the final 500 when the script has no step left. */
export function exhaustedBody(seq: number, steps: number): OpenAIErrorBody {
  return errorBody(
    `fake-openai: the script has no step left for request #${seq} (it had ${steps} step${steps === 1 ? "" : "s"})`,
    "server_error",
    null,
    "script_exhausted",
  );
}
