// JSON Pointer (RFC 6901) helpers: split, join and escape path segments.

/** Escapes one segment ("~" -> "~0", "/" -> "~1"). */
export const escapeSegment = (segment: string): string => segment.replace(/~/g, "~0").replace(/\//g, "~1")

/** The segments of a pointer ("" is the root). */
export const splitPointer = (pointer: string): ReadonlyArray<string> =>
  pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))

/** A pointer from unescaped segments. */
export const joinPointer = (segments: ReadonlyArray<string | number>): string =>
  segments.map((s) => "/" + escapeSegment(String(s))).join("")

/** Appends segments to a pointer. */
export const childPointer = (pointer: string, ...segments: ReadonlyArray<string | number>): string =>
  pointer + joinPointer(segments)
