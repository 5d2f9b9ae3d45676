// Lets a child process (node -r this file) require the project's TypeScript as jest does (@swc/jest's options).
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
const swcOptions = require('../../swc.options');

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    ...swcOptions,
  });
  module._compile(code, filename);
};
