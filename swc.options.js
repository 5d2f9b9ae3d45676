/** How the project's TypeScript is compiled outside tsc: by jest (@swc/jest) and by test child processes (test/helpers/ts-register.js). */
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};
