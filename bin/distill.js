#!/usr/bin/env node
// npm bin entry: runs the TypeScript CLI with Node's built-in type stripping (Node >= 22.19).
import "../src/cli/main.ts"
