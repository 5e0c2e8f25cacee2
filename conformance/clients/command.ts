// The command form of the reference clients (contract §5): environment VEO_VENDOR, VEO_BASE_URL,
// VEO_API_KEY, VEO_TIME_SCALE; one JSON request on stdin; one JSON outcome line on stdout; exit 0.
// Even an internal error is reported as a `failed` outcome, never as a crash.
//
//   echo '{"prompt":"a red fox in snow","tier":"fast",…}' | VEO_VENDOR=kie VEO_BASE_URL=… node dist/conformance/clients/command.js
import { pathToFileURL } from 'node:url'
import { type ClientOutcome, type ClientRequest, envFromProcess } from '../src/client/protocol.js'
import { clientFor } from './index.js'

function internalFailure(kind: 'invalid_request' | 'server_error', message: string): ClientOutcome {
  return { status: 'failed', taskId: null, error: { kind, vendorCode: 'client_error', message } }
}

async function readStdin(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

/** Runs one request from `input` and returns the outcome; never throws. */
export async function runCommand(input: NodeJS.ReadableStream = process.stdin, environment: NodeJS.ProcessEnv = process.env): Promise<ClientOutcome> {
  let request: ClientRequest
  try {
    request = JSON.parse(await readStdin(input)) as ClientRequest
    if (!request || typeof request !== 'object' || typeof request.prompt !== 'string') throw new Error('the request needs at least a prompt string')
  } catch (error) {
    return internalFailure('invalid_request', `Failed to read the request from stdin: ${(error as Error).message}`)
  }
  try {
    const env = envFromProcess(environment)
    return await clientFor(env.vendor).generate(request, env)
  } catch (error) {
    return internalFailure('server_error', `Failed to run the reference client: ${(error as Error).message}`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = await runCommand()
  process.stdout.write(`${JSON.stringify(outcome)}\n`)
  process.exitCode = 0
}
