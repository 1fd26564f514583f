import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** The last failed OpenID discovery for one tenant: MSAL hides its body, the broker needs it. */
export interface DiscoveryFailure {
  aadCode?: string;
  description?: string;
  networkError?: string;
}

/** Options for {@link FetchNetworkModule}. */
export interface FetchNetworkModuleOptions {
  /** The fetch to use; default the global one. Tests pass one that reaches a local server. */
  fetch?: typeof fetch;
  /** Per-request timeout in milliseconds. Default 10 s. */
  timeoutMs?: number;
}

/**
 * MSAL's documented network extension point (`system.networkClient`) on top of `fetch`,
 * one instance per tenant. It behaves like MSAL's own client (any HTTP status is returned,
 * only transport failures throw) and additionally remembers why the tenant's OpenID
 * discovery failed: MSAL reports that only as `openid_config_error`, while the body says
 * whether the tenant does not exist (AADSTS90002) or Entra ID was unreachable.
 */
export class FetchNetworkModule implements INetworkModule {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  /** Set when the last discovery request failed; cleared by the next success. */
  lastDiscoveryFailure: DiscoveryFailure | undefined;

  constructor(options: FetchNetworkModuleOptions = {}) {
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Sends a GET (discovery documents). */
  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options, timeout);
  }

  /** Sends a POST (token requests). */
  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'POST', options);
  }

  private async send<T>(
    url: string,
    method: 'GET' | 'POST',
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const isDiscovery = method === 'GET' && url.includes('/.well-known/openid-configuration');
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        signal: AbortSignal.timeout(timeout ?? this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'network failure';
      if (isDiscovery) this.lastDiscoveryFailure = { networkError: reason };
      // MSAL wraps whatever is thrown here as a network_error; the message carries no URL secrets.
      throw new Error(`Entra ID request failed: ${reason}`);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const text = await response.text();
    let body: unknown = {};
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = {};
      }
    }
    if (isDiscovery) {
      this.lastDiscoveryFailure = response.ok ? undefined : describeDiscoveryFailure(body, response.status);
    }
    return { headers, body: body as T, status: response.status };
  }
}

function describeDiscoveryFailure(body: unknown, status: number): DiscoveryFailure {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const codes = Array.isArray(b.error_codes) ? b.error_codes : [];
  const description = typeof b.error_description === 'string' ? b.error_description : undefined;
  const first = codes[0];
  const number =
    typeof first === 'number' || typeof first === 'string' ? String(first) : /AADSTS(\d+)/.exec(description ?? '')?.[1];
  if (number) return { aadCode: `AADSTS${number}`, ...(description ? { description } : {}) };
  return status >= 500 ? { networkError: `HTTP ${status}` } : { ...(description ? { description } : {}) };
}
