// `distill plugins`: list the built-in plugins with their config fields.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Command from "effect/cli/Command"

/** The plugins command. */
export const pluginsCommand = Command.make("plugins", {}, () =>
  Effect.gen(function*() {
    const { builtinNames, loadPlugin } = yield* Effect.promise(() => import("../../plugins/registry.ts"))
    const { renderPlugins } = yield* Effect.promise(() => import("../plugins-view.ts"))
    const kinds = ["dataset", "teacher", "judge", "trainer", "backend"] as const
    const plugins = []
    for (const kind of kinds) {
      for (const name of builtinNames(kind)) {
        const p = yield* Effect.result(loadPlugin(kind, name, process.cwd()))
        if (p._tag === "Success") plugins.push(p.success)
        else yield* Console.error(`cannot load ${kind} plugin ${name}: ${p.failure.message}`)
      }
    }
    yield* Console.log(renderPlugins(plugins))
  })).pipe(Command.withDescription("List plugins and their configuration fields"))
