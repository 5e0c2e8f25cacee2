// GET /api/v1/chat/credit: the key's remaining credits as a bare integer in `data`; free to call.
// @see https://docs.kie.ai/common-api/get-account-credits (K-CRED; BG; docs/vendors/kie.md §4.6)
import type { components } from '../../../../generated/kie.js'
import type { CustomRoute } from '../../core/dialect.js'

export const creditRoute: CustomRoute = {
  kind: 'custom',
  method: 'get',
  path: '/api/v1/chat/credit',
  handle(request, ctx) {
    const body = { code: 200, msg: 'success', data: Math.floor(ctx.balance(request.keyId)) } satisfies components['schemas']['CreditSuccessResponse']
    return { status: 200, body }
  },
}
