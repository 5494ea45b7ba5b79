/**
 * The runtime behind every generated client: typed requests over the `paths` type that
 * openapi-typescript writes for one BFF, sent through a fetch-like function.
 *
 * It uses no platform globals (fetch, Request, Response, Headers, URL, FormData), so the same client
 * runs in browsers, Node 18+, kiosk webviews and WeChat mini-programs, which have none of them: there,
 * pass `fetch: wxRequestFetch` (./wx.ts). Hand-written; the generated files are <bff>/index.ts and
 * <bff>/schema.ts.
 *
 *     const api = createClient<paths>({ baseUrl: "https://patient.example.cn", accessToken: () => token });
 *     const { data, error, response } = await api.POST("/profiles", { body: { ... } });
 *     if (error) show(error.detail);  // error is the documented problem+json body
 */
import type {
  ErrorResponse,
  HttpMethod,
  IsOperationRequestBodyOptional,
  OperationRequestBodyContent,
  PathsWithMethod,
  RequiredKeysOf,
  SuccessResponse,
} from "openapi-typescript-helpers";

/** What the client hands to the transport. `headers` keys are lower-case. */
export interface RequestInitLike {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the client needs back: the platform `Response` satisfies it, and so does the wx adapter's. */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A transport. The platform `fetch` is one; `wxRequestFetch` is another. */
export type FetchLike = (url: string, init: RequestInitLike) => Promise<ResponseLike>;

export interface ClientOptions {
  /** Where the BFF is, e.g. "https://patient.example.cn" (a trailing slash is ignored). */
  baseUrl: string;
  /** The transport; defaults to the platform `fetch` (there is none in a mini-program). */
  fetch?: FetchLike;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Asked before each request; a token it returns is sent as `Authorization: Bearer <token>`. */
  accessToken?: () => string | null | undefined | Promise<string | null | undefined>;
}

type JsonMedia = `${string}/${string}json`; // application/json and application/problem+json

type ParamsOption<Op> = Op extends { parameters: infer P }
  ? RequiredKeysOf<P> extends never
    ? { params?: P }
    : { params: P }
  : { params?: never };

type BodyOption<Op> = [OperationRequestBodyContent<Op>] extends [never | undefined]
  ? { body?: never }
  : IsOperationRequestBodyOptional<Op> extends true
    ? { body?: OperationRequestBodyContent<Op> }
    : { body: OperationRequestBodyContent<Op> };

/** The second argument of a call: path/query/header parameters, the JSON body, extra headers. */
export type RequestOptions<Op> = ParamsOption<Op> & BodyOption<Op> & { headers?: Record<string, string> };

type InitArgs<Op> = RequiredKeysOf<RequestOptions<Op>> extends never
  ? [init?: RequestOptions<Op>]
  : [init: RequestOptions<Op>];

type ResponsesOf<Op> = Op extends { responses: infer R extends Record<string | number, any> } ? R : never;
type ErrorBody<Op> = ErrorResponse<ResponsesOf<Op>, JsonMedia>;

/** Either `data` (a 2xx body; undefined for 204) or `error` (the problem+json body), never both. */
export type Result<Op> =
  | { data: SuccessResponse<ResponsesOf<Op>, JsonMedia>; error?: undefined; response: ResponseLike }
  | { data?: undefined; error: [ErrorBody<Op>] extends [never] ? unknown : ErrorBody<Op>; response: ResponseLike };

type OperationOf<Paths, P extends keyof Paths, M extends HttpMethod> = Paths[P] extends { [K in M]: infer Op }
  ? Op
  : never;

type ClientMethod<Paths extends {}, M extends HttpMethod> = <P extends PathsWithMethod<Paths, M>>(
  path: P,
  ...init: InitArgs<OperationOf<Paths, P, M>>
) => Promise<Result<OperationOf<Paths, P, M>>>;

export interface Client<Paths extends {}> {
  GET: ClientMethod<Paths, "get">;
  POST: ClientMethod<Paths, "post">;
  PUT: ClientMethod<Paths, "put">;
  PATCH: ClientMethod<Paths, "patch">;
  DELETE: ClientMethod<Paths, "delete">;
}

interface AnyInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  headers?: Record<string, string>;
}

interface AnyResult {
  data?: unknown;
  error?: unknown;
  response: ResponseLike;
}

// Whatever the platform provides, if anything (declared here so the DOM lib is not needed).
declare const fetch: FetchLike | undefined;

function platformFetch(): FetchLike {
  if (typeof fetch !== "function") {
    throw new Error("This platform has no fetch: pass createClient({ fetch }) (wxRequestFetch in a mini-program).");
  }
  return (url, init) => fetch(url, init);
}

function scalar(value: unknown, name: string): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") throw new Error(`Parameter "${name}" must be a string, number or boolean.`);
  return String(value);
}

/** "/profiles/{patient_id}" + {patient_id: "…"} -> "/profiles/…" (each value percent-encoded). */
export function fillPath(template: string, values: Record<string, unknown> = {}): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) throw new Error(`Missing path parameter "${name}" for ${template}.`);
    return encodeURIComponent(scalar(value, name));
  });
}

/** {a: 1, b: [2, 3], c: undefined} -> "?a=1&b=2&b=3" (form style, exploded, as the BFFs expect). */
export function queryString(query: Record<string, unknown> = {}): string {
  const parts: string[] = [];
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(scalar(item, key))}`);
    }
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

function parse(text: string, response: ResponseLike, strict: boolean): unknown {
  if (text === "") return undefined;
  if (!/json/i.test(response.headers.get("content-type") ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch (err) {
    if (strict) throw err;
    return text;
  }
}

export function createClient<Paths extends {}>(options: ClientOptions): Client<Paths> {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  let transport = options.fetch;

  async function send(method: string, path: string, init: AnyInit = {}): Promise<AnyResult> {
    const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
    const add = (more: Record<string, unknown> | undefined) => {
      for (const key of Object.keys(more ?? {})) {
        const value = more?.[key];
        if (value !== undefined && value !== null) headers[key.toLowerCase()] = scalar(value, key);
      }
    };
    add(options.headers);
    add(init.params?.header);
    add(init.headers);
    const token = options.accessToken ? await options.accessToken() : undefined;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    const url = baseUrl + fillPath(path, init.params?.path) + queryString(init.params?.query);
    transport ??= platformFetch();
    const response = await transport(url, body === undefined ? { method, headers } : { method, headers, body });
    const ok = response.status >= 200 && response.status < 300;
    const payload = parse(await response.text(), response, ok);
    return ok ? { data: payload, response } : { error: payload, response };
  }

  const bind = (method: string) => (path: string, init?: AnyInit) => send(method, path, init);
  return {
    GET: bind("GET"),
    POST: bind("POST"),
    PUT: bind("PUT"),
    PATCH: bind("PATCH"),
    DELETE: bind("DELETE"),
  } as unknown as Client<Paths>;
}
