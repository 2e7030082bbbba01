// Caps on what one spec may cost to load (bytes, files, YAML tokens, nodes, alias expansion, depth), shared by its includes.

/** The caps a spec and all the files it includes share. */
export interface SpecLimits {
  /** Largest spec file, in bytes. */
  readonly fileBytes: number
  /** Files read for one spec, includes counted each time they are named. */
  readonly files: number
  /** YAML tokens over all files (the parser's work, checked before it composes anything). */
  readonly tokens: number
  /** Values (scalars, lists, mappings) over all files, alias copies included. */
  readonly nodes: number
  /** Values produced by expanding `*alias` references and `<<` merges. */
  readonly aliasNodes: number
  /** Nesting of lists and mappings. */
  readonly depth: number
}

/** Generous for any hand-written spec (the largest shipped one is a few KB), small enough to load in well under a second. */
export const DEFAULT_LIMITS: SpecLimits = {
  fileBytes: 256 * 1024,
  files: 64,
  tokens: 100_000,
  nodes: 50_000,
  aliasNodes: 10_000,
  depth: 64
}

/** What a spec load has used so far of its limits. */
export interface LimitUsage {
  readonly limits: SpecLimits
  files: number
  tokens: number
  nodes: number
  aliasNodes: number
}

/** A fresh usage counter for one load. */
export const startUsage = (limits: SpecLimits = DEFAULT_LIMITS): LimitUsage => ({ limits, files: 0, tokens: 0, nodes: 0, aliasNodes: 0 })
