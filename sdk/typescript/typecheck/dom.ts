// The platform fetch of browsers, webviews and Node 18+ is a FetchLike (checked with the DOM lib,
// which the rest of the SDK deliberately does without).
import type { FetchLike } from "../shared/client.js";

export const platformFetch: FetchLike = fetch;
