// A loopback server speaking the Hugging Face Hub HTTP API calls that @huggingface/hub makes for datasets.
import { createHash } from "node:crypto"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

/** One dataset repository served by the fake Hub: its files at one commit. */
export interface FakeRepo {
  readonly sha: string
  readonly files: Readonly<Record<string, Uint8Array | string>>
  /** Branch or tag names that resolve to `sha` (default: ["main"]). */
  readonly refs?: ReadonlyArray<string>
}

/** A request the server saw. */
export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly authorization: string | undefined
  readonly range: string | undefined
}

/** A running fake Hub. */
export interface FakeHub {
  readonly url: string
  readonly requests: Array<SeenRequest>
  readonly close: () => Promise<void>
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "Content-Type": "application/json", ...headers })
  res.end(JSON.stringify(body))
}

const bytesOf = (v: Uint8Array | string): Buffer => (typeof v === "string" ? Buffer.from(v, "utf8") : Buffer.from(v))

/**
 * Starts the server on 127.0.0.1 with the given repositories (keyed `owner/name`). With `token`, every request
 * must carry `Authorization: Bearer <token>`, as for a private repository.
 * Routes: GET /api/datasets/{repo}/revision/{rev} (datasetInfo), GET /api/datasets/{repo}/tree/{rev}
 * (listFiles) and GET /datasets/{repo}/resolve/{rev}/{path} (downloadFile: a `Range: bytes=0-0` probe, then the body).
 */
export const startFakeHub = (repos: Readonly<Record<string, FakeRepo>>, token?: string): Promise<FakeHub> => {
  const requests: Array<SeenRequest> = []
  const resolveRev = (repo: FakeRepo, rev: string) => (rev === repo.sha || (repo.refs ?? ["main"]).includes(rev) ? repo.sha : null)
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const authorization = req.headers.authorization
    requests.push({ method: req.method ?? "GET", url: `${url.pathname}${url.search}`, authorization, range: req.headers.range })
    if (token !== undefined && authorization !== `Bearer ${token}`) {
      return json(res, 401, { error: "Invalid credentials in Authorization header" })
    }
    const info = /^\/api\/datasets\/([^/]+\/[^/]+)\/revision\/([^/]+)$/u.exec(url.pathname)
    const tree = /^\/api\/datasets\/([^/]+\/[^/]+)\/tree\/([^/]+)(?:\/(.*))?$/u.exec(url.pathname)
    const resolve = /^\/datasets\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/u.exec(url.pathname)
    const match = info ?? tree ?? resolve
    const repo = match === null ? undefined : repos[match[1] as string]
    if (match === null || repo === undefined) return json(res, 404, { error: "Repository not found" }, { "X-Error-Code": "RepoNotFound" })
    const sha = resolveRev(repo, decodeURIComponent(match[2] as string))
    if (sha === null) return json(res, 404, { error: "Invalid rev id" }, { "X-Error-Code": "RevisionNotFound" })
    if (info !== null) {
      return json(res, 200, {
        _id: "0".repeat(24), id: match[1], private: token !== undefined, downloads: 0, likes: 0, gated: false,
        lastModified: "2025-01-01T00:00:00.000Z", sha
      })
    }
    if (tree !== null) {
      if (url.searchParams.get("recursive") !== "true") return json(res, 400, { error: "fake hub only serves recursive listings" })
      const entries = Object.entries(repo.files).map(([path, data]) => ({
        type: "file", path, size: bytesOf(data).length, oid: createHash("sha1").update(bytesOf(data)).digest("hex")
      }))
      const dirs = [...new Set(Object.keys(repo.files).flatMap((p) => p.split("/").slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join("/"))))]
      return json(res, 200, [...dirs.map((path) => ({ type: "directory", path, size: 0, oid: "0".repeat(40) })), ...entries])
    }
    const data = repo.files[decodeURIComponent(match[3] as string)]
    if (data === undefined) return json(res, 404, { error: "Entry not found" }, { "X-Error-Code": "EntryNotFound" })
    const body = bytesOf(data)
    const etag = `"${createHash("sha256").update(body).digest("hex")}"`
    const range = /^bytes=(\d+)-(\d+)$/u.exec(req.headers.range ?? "")
    if (range !== null) {
      const start = Number(range[1])
      const end = Math.min(Number(range[2]), body.length - 1)
      res.writeHead(206, {
        "Content-Type": "application/octet-stream", ETag: etag, "Accept-Ranges": "bytes",
        "Content-Range": `bytes ${start}-${end}/${body.length}`, "Content-Length": String(end - start + 1)
      })
      return res.end(body.subarray(start, end + 1))
    }
    res.writeHead(200, { "Content-Type": "application/octet-stream", ETag: etag, "Content-Length": String(body.length) })
    res.end(body)
  })
  return new Promise((resolveStart) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resolveStart({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise<void>((r) => server.close(() => r()))
      })
    })
  })
}
