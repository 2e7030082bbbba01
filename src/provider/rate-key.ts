// Rate-limit keys: provider + base URL + a short hash of the API key, never the key itself.
import { createHash } from "node:crypto"

/** First 12 hex digits of the SHA-256 of `secret`: enough to tell keys apart, useless to recover one. */
export const shortHash = (secret: string): string =>
  createHash("sha256").update(secret).digest("hex").slice(0, 12)

/** The rate key shared by every caller using the same provider endpoint and API key. */
export const makeRateKey = (provider: string, baseUrl: string, apiKey: string): string =>
  `${provider}|${baseUrl.replace(/\/+$/u, "")}|${shortHash(apiKey)}`
