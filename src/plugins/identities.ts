// Content identities of a spec's plugins, computed before planning (file digests, resolved commits).
import * as Effect from "effect/Effect"
import type { ResolvedSpec } from "../spec/resolved.ts"
import { materialize } from "../spec/index.ts"
import { loadPlugin } from "./registry.ts"

/** Where identities may cache and whom they tell about fallbacks. */
export interface IdentityOptions {
  readonly cacheDir: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly warn: (message: string) => void
}

/**
 * The identity of every plugin of the spec that declares one, by spec pointer. A plugin whose identity cannot be
 * computed is left out with a warning; its key then keeps the location fields (paths, revisions) instead.
 */
export const pluginIdentities = (spec: ResolvedSpec, options: IdentityOptions): Effect.Effect<Record<string, unknown>> =>
  Effect.gen(function*() {
    const out: Record<string, unknown> = {}
    for (const [pointer, p] of Object.entries(spec.plugins)) {
      const loaded = yield* Effect.result(loadPlugin(p.kind, p.use, spec.dir))
      if (loaded._tag === "Failure" || loaded.success.identity === undefined) continue
      const config = materialize(structuredClone(p.config) as Record<string, unknown>, options.env)
      const host = { specDir: spec.dir, cacheDir: options.cacheDir, env: (name: string) => options.env[name], warn: options.warn,
        ...(p.kind === "trainer" ? { students: spec.students } : {}) }
      const identity = yield* Effect.result(Effect.suspend(() => loaded.success.identity!(config, host)).pipe(
        Effect.catchDefect((d) => Effect.fail(d instanceof Error ? d : new Error(String(d))))))
      if (identity._tag === "Success") out[pointer] = identity.success
      else options.warn(`${pointer}: cannot compute the content identity of '${p.use}' (${identity.failure.message}); its key uses the configured location`)
    }
    return out
  })
