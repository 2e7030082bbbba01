// Where a report node keeps its files: report.md, results and charts under this folder of the node's entry.

/** The report's folder inside the report node (and inside each run record). */
export const REPORT_DIR = "report"
