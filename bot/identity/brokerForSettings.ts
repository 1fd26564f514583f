import { readFileSync } from 'node:fs';
import type { Logger } from '../log/logger';
import { TokenBroker } from './tokenBroker';

/** The service's own Graph app registration, as bot/config reads it (EHCP_GRAPH_*). */
export interface GraphAppSettings {
  clientId: string;
  clientSecret?: string | undefined;
  /** A certificate instead of a secret: the PEM private key's path and the SHA-256 thumbprint. */
  certificate?: { keyPath: string; thumbprintSha256: string } | undefined;
  authorityHost: string;
}

/**
 * The one token broker for the service's app-only Graph calls (reminder mail, decision
 * letters, advice files), from its settings: a secret, or a certificate read from disk.
 */
export function brokerForSettings(settings: GraphAppSettings, logger: Logger, options: { fetch?: typeof fetch } = {}): TokenBroker {
  return new TokenBroker({
    clientId: settings.clientId,
    ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
    ...(settings.certificate ? { clientCertificate: { thumbprintSha256: settings.certificate.thumbprintSha256, privateKey: readFileSync(settings.certificate.keyPath, 'utf8') } } : {}),
    authorityHost: settings.authorityHost,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
