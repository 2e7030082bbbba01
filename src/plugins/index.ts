// The public plugin API: everything a third-party plugin imports.
export * from "./define.ts"
export * from "./host.ts"
export * from "./dataset.ts"
export * from "./teacher.ts"
export * from "./judge.ts"
export * from "./trainer.ts"
export * from "./backend.ts"
export { digestFile } from "../store/file-digest.ts"
