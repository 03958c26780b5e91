// ESLint for the examples: the repository's rules, with types from examples/tsconfig.json,
// because the root tsconfig.json covers packages/ only.
import repositoryConfig from '../eslint.config.js'

export default [
  ...repositoryConfig,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
]
