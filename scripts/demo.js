#!/usr/bin/env node
// npm run demo: build if needed, then run the demo (server + local demo shops).
require('./ensure-build').ensureBuild();
require('../dist/src/demo/demo.main.js');
