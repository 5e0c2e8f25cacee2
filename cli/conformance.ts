// `veomock conformance`: judge a client implementation (contract §5); the library is conformance/src/client.
export { conformanceCommand } from '../conformance/src/client/conformance-command.js'
