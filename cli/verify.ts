// `veomock verify`: probe a vendor or the mock for drift (contract §6); the library is conformance/src/provider.
export { verifyCommand } from '../conformance/src/provider/verify-command.js'
