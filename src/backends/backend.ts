// The backend contract lives beside the other plugin kinds' contracts; re-exported here for the engine's imports.
export {
  Backend, BackendError, finalStates, isFinal,
  type BackendService, type JobId, type JobSpec, type JobState, type Resources
} from "../plugins/backend.ts"
