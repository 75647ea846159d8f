#!/usr/bin/env node
// npm run bench [scenario…]: build if needed, then run the benchmarks (not part of npm test).
require('./ensure-build').ensureBuild();
require('../dist/bench/run.js');
