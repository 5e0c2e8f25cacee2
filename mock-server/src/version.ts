// Kept in step with package.json by a test (version.test.ts would be overkill; see cli/veomock.test.ts).
export const VERSION = '0.1.0'
