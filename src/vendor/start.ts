// Starts an entry point with the vendor bundle hooked in; a bundle that cannot load is dropped and the process re-run without it.
import { spawnSync } from "node:child_process"
import { useVendorBundle, vendorDamaged } from "./use.ts"

/**
 * Hooks the vendor bundle in, then runs `program` (a dynamic import of the real entry). When the bundle itself fails to
 * load (a chunk deleted or cut short), it is forgotten and this process's command line runs again without it.
 */
export const startWithVendor = async (program: () => Promise<unknown>): Promise<void> => {
  const vendor = useVendorBundle()
  try {
    await program()
  } catch (e) {
    const why = vendor.used ? vendorDamaged() : undefined
    if (why === undefined) throw e
    process.stderr.write(`distill: ${why}; running without it (the launcher rebuilds it on the next start)\n`)
    const again = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: { ...process.env, DISTILL_VENDOR: "0" } })
    process.exit(again.status ?? 1)
  }
}
