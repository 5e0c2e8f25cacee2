// Replay, a mock feature: recorded episodes served on the virtual clock.
export { loadReplayDialects } from './load-replay.js'
export { replayDialect } from './replay-dialect.js'
export { rewriteStrings } from './replayed-messages.js'
export { parseRecording, readRecordings, type RecordedExchange, type Recording } from './recording-format.js'
