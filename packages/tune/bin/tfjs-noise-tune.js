#!/usr/bin/env node
// The `tfjs-noise-tune` command: runs the built CLI (dist/cli.js, from src/cli/bin.ts). This file
// exists before the package is built, so that installing the workspace links the bin without a
// warning; in the published package, dist/ is always there (prepack builds it).
import '../dist/cli.js';
