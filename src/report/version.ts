// The report format's version: part of the report node's key, so a changed report is rebuilt by the next run.

/** Bump when the report's content or files change. */
export const REPORT_FORMAT_VERSION = 4
