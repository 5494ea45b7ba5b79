// Type-level tests of the client API (compiled by `tsc --noEmit`, never run): what must compile
// does, what must not is marked @ts-expect-error (tsc fails if such a line compiles after all).
import { createClient } from "../patient/index.js";
import type { FetchLike } from "../shared/client.js";
import { createWxRequestFetch, wxRequestFetch, type WxLike } from "../shared/wx.js";

const fakeFetch: FetchLike = async () => ({
  status: 200,
  headers: { get: () => "application/json" },
  text: async () => "{}",
});
const api = createClient({ baseUrl: "https://patient.example.invalid", fetch: fakeFetch, accessToken: () => "t" });

export async function usage(): Promise<void> {
  const home = await api.GET("/home");
  if (home.data) {
    const masked: string = home.data.phone_masked;
    void masked;
  } else {
    void home.error;
  }
  await api.GET("/profiles/{patient_id}", { params: { path: { patient_id: "0190c2f4-0000-7000-8000-000000000000" } } });
  // @ts-expect-error path parameters are required
  await api.GET("/profiles/{patient_id}");
  // @ts-expect-error no such path
  await api.GET("/no/such/path");
  // @ts-expect-error /auth/otp takes POST only
  await api.GET("/auth/otp");
  await api.POST("/auth/otp", { body: { phone: "13800138000" } });
  // @ts-expect-error the body is required
  await api.POST("/auth/otp");
  // @ts-expect-error unknown body field
  await api.POST("/auth/otp", { body: { phon: "13800138000" } });
  const removed = await api.DELETE("/profiles/{patient_id}", { params: { path: { patient_id: "x" } } });
  const nothing: undefined = removed.data;
  void nothing;
}

const fakeWx: WxLike = { request: (o) => o.success?.({ statusCode: 204, data: "", header: {} }) };
createClient({ baseUrl: "", fetch: createWxRequestFetch(fakeWx, { timeoutMs: 10_000 }) });
createClient({ baseUrl: "", fetch: wxRequestFetch });
