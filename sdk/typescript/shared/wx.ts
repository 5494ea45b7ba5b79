/**
 * A fetch-like transport over the WeChat mini-program's `wx.request`, for
 * `createClient({ baseUrl, fetch: wxRequestFetch })`.
 *
 * wx.request sends GET, POST, PUT, DELETE, HEAD, OPTIONS (not PATCH); the BFF's domain must be on the
 * mini-program's "request 合法域名" list. The response body is taken as text and parsed by the
 * client, so problem+json errors arrive typed like everywhere else.
 */
import type { FetchLike, RequestInitLike, ResponseLike } from "./client.js";

type WxMethod = "OPTIONS" | "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "TRACE" | "CONNECT";

/** The part of `wx.request` used here (full typings: the miniprogram-api-typings package). */
export interface WxRequestOption {
  url: string;
  method?: WxMethod;
  header?: Record<string, string>;
  data?: string;
  /** Anything but "json" makes wx hand the body back untouched. */
  dataType?: string;
  responseType?: "text" | "arraybuffer";
  timeout?: number;
  success?: (res: { statusCode: number; data: unknown; header: Record<string, unknown> }) => void;
  fail?: (err: { errMsg: string; errno?: number }) => void;
}

export interface WxLike {
  request(option: WxRequestOption): unknown;
}

// The mini-program global; only touched when a request is sent, so importing this file elsewhere is safe.
declare const wx: WxLike;

const WX_METHODS: readonly string[] = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT"];

function toResponse(res: { statusCode: number; data: unknown; header: Record<string, unknown> }): ResponseLike {
  const headers: Record<string, string> = {};
  for (const key of Object.keys(res.header ?? {})) headers[key.toLowerCase()] = String(res.header[key]);
  const text =
    typeof res.data === "string" ? res.data : res.data === undefined || res.data === null ? "" : JSON.stringify(res.data);
  return {
    status: res.statusCode,
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    text: () => Promise.resolve(text),
  };
}

/** A transport over `api.request` (the global `wx` unless given), with an optional timeout in ms. */
export function createWxRequestFetch(api?: WxLike, options: { timeoutMs?: number } = {}): FetchLike {
  return (url: string, init: RequestInitLike) =>
    new Promise<ResponseLike>((resolve, reject) => {
      const method = init.method.toUpperCase();
      if (!WX_METHODS.includes(method)) {
        reject(new Error(`wx.request cannot send ${method}.`));
        return;
      }
      const option: WxRequestOption = {
        url,
        method: method as WxMethod,
        header: init.headers,
        dataType: "text",
        responseType: "text",
        success: (res) => resolve(toResponse(res)),
        fail: (err) => reject(new Error(`wx.request failed: ${err.errMsg}`)),
      };
      if (init.body !== undefined) option.data = init.body;
      if (options.timeoutMs !== undefined) option.timeout = options.timeoutMs;
      (api ?? wx).request(option);
    });
}

/** `createClient({ baseUrl, fetch: wxRequestFetch })` in a mini-program. */
export const wxRequestFetch: FetchLike = createWxRequestFetch();
