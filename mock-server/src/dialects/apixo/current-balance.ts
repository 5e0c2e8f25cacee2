// `GET /api/v1/apikeys/current-balance`: the key's remaining USD as a bare number. @see https://apixo.ai/docs/api-reference/system (docs/vendors/apixo.md §3.3)
import type { components } from '../../../../generated/apixo.js'
import type { CustomRoute } from '../../core/dialect.js'

export const BALANCE_PATH = '/api/v1/apikeys/current-balance'

/** A-SYS shows four decimals (`74.8700`); a JSON number keeps up to four. */
export function roundUsd(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

export const currentBalanceRoute: CustomRoute = {
  kind: 'custom',
  method: 'get',
  path: BALANCE_PATH,
  handle: (request, ctx) => {
    const body = { code: 200, message: 'success', data: roundUsd(ctx.balance(request.keyId)) } satisfies components['schemas']['BalanceResponse']
    return { status: 200, body }
  },
}
