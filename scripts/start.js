#!/usr/bin/env node
// npm start: build if needed, then run the production server in this process.
require('./ensure-build').ensureBuild();
require('../dist/src/main.js').main();
