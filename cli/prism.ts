// `veomock prism <vendor>`: a stateless Prism mock of one vendor's spec.
export { prismCommand } from '../conformance/src/provider/prism-command.js'
