// Backend plugin `local`: jobs are child processes of the run, with stdout and stderr sent to files.
import { LocalBackendLayer } from "../../../src/backends/local.ts"
import { defineBackend, type JsonSchemaObject } from "../../../src/plugins/index.ts"
import schema from "./config.schema.json" with { type: "json" }

export default defineBackend<Record<string, never>>({
  name: "local",
  version: "1.0.0",
  description: "Child processes on this machine; killed when the run ends, and they exit if it is killed.",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: false, gpu: false },
  layer: () => LocalBackendLayer
})
