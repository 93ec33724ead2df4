import { type Agent, type Dispatcher, EnvHttpProxyAgent } from "undici";

/**
 * The outbound proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) for every call the app makes: Slack's
 * Web API, the Socket Mode connection and DataForest. Without a proxy nothing changes: the
 * libraries keep their own transport.
 */

export type ProxySettings = {
  /** For http:// URLs; also for https:// ones when httpsProxy is not set. */
  httpProxy: string | undefined;
  httpsProxy: string | undefined;
  /** Hosts reached directly, comma-separated, as curl reads it. */
  noProxy: string | undefined;
};

/** This machine is never reached through a proxy, whatever NO_PROXY says. */
const ALWAYS_DIRECT = ["localhost", "127.0.0.1"];

export function hasProxy(proxy: ProxySettings | undefined): proxy is ProxySettings {
  return Boolean(proxy?.httpProxy || proxy?.httpsProxy);
}

/** A dispatcher that sends each request through the proxy its URL calls for, or directly. */
export function proxyDispatcher(
  proxy: ProxySettings | undefined,
  options: Agent.Options = {},
): Dispatcher | undefined {
  if (!hasProxy(proxy)) return undefined;
  const noProxy =
    proxy.noProxy?.trim() === "*"
      ? "*"
      : [proxy.noProxy ?? "", ...ALWAYS_DIRECT].filter((h) => h.trim() !== "").join(",");
  // Empty strings, not undefined: undici would otherwise read the environment again itself.
  return new EnvHttpProxyAgent({
    ...options,
    httpProxy: proxy.httpProxy ?? "",
    httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? "",
    noProxy,
  });
}
