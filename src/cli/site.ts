// Loads the site file for a command; a bad one is the user's mistake, reported with its location.
import * as Effect from "effect/Effect"
import { loadSite, type SiteConfig } from "../run/site.ts"
import { UserError } from "./errors.ts"

/** The site configuration `--site`, `$DISTILL_SITE` or `~/.config/distill/site.yaml` names (none: empty). */
export const loadSiteOrExplain = (flag: string | undefined): Effect.Effect<SiteConfig, UserError> =>
  Effect.suspend(() => {
    const r = loadSite(flag)
    return r.ok ? Effect.succeed(r.site) : Effect.fail(new UserError({ message: r.message }))
  })
