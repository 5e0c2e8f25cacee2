// `GET /v1/models`: public model discovery with resolution pricing tiers.
// @see https://docs.xenodia.xyz/docs/api/model-discovery (docs/vendors/xenodia.md §3.3)
import type { components } from '../../../../generated/xenodia.js'
import type { CustomRoute } from '../../core/dialect.js'
import { type ModelFamily, PRICE_MICRO_USDC, RESOLUTIONS, type Resolution, type VideoModel } from './pricing.js'

type Model = components['schemas']['Model']
type ModelList = components['schemas']['ModelList']
type ModelPricingTier = components['schemas']['ModelPricingTier']

interface CatalogEntry {
  id: VideoModel
  family: ModelFamily
  name: string
  /** The KIE model Xenodia forwards to ("Upstream KIE model" column of S000). */
  upstreamId: string
  description: string
}

// Only the current `veo3.1*` ids are listed (X-VEO); the legacy `veo3*` ids of S000 stay accepted
// on create and are priced like their `veo3.1*` twin. (docs/vendors/xenodia.md §7.1)
export const CATALOG: readonly CatalogEntry[] = [
  { id: 'veo3.1', family: 'quality', name: 'Veo 3.1', upstreamId: 'veo3', description: 'Veo 3.1 Quality via KIE.' },
  { id: 'veo3.1_fast', family: 'fast', name: 'Veo 3.1 Fast', upstreamId: 'veo3_fast', description: 'Veo 3.1 Fast via KIE; the default model.' },
  { id: 'veo3.1_lite', family: 'lite', name: 'Veo 3.1 Lite', upstreamId: 'veo3_lite', description: 'Veo 3.1 Lite via KIE.' },
]

const TIER_LABEL: Readonly<Record<Resolution, string>> = { '720p': '720p', '1080p': '1080p', '4k': '4K' }

/** One tier per resolution, unit `video` (tier ids and unit INFER; S000 "Per generated video"). */
export function pricingTiers(family: ModelFamily): ModelPricingTier[] {
  return RESOLUTIONS.map((resolution) => ({
    id: resolution,
    label: TIER_LABEL[resolution],
    unit: 'video',
    price_micro_usdc: PRICE_MICRO_USDC[family][resolution],
  }))
}

// Invented but stable catalogue timestamps, so bodies are byte-identical run to run.
const CATALOG_TIME = '2025-10-15T00:00:00Z'

export function renderModel(entry: CatalogEntry): Model {
  // REFERENCE_2_VIDEO (1–3 images) is the fast model's alone; the others take 1–2 frames (S000).
  const referenceTypes =
    entry.family === 'fast' ? ['TEXT_2_VIDEO', 'FIRST_AND_LAST_FRAMES_2_VIDEO', 'REFERENCE_2_VIDEO'] : ['TEXT_2_VIDEO', 'FIRST_AND_LAST_FRAMES_2_VIDEO']
  return {
    id: entry.id,
    object: 'model',
    name: entry.name,
    owned_by: 'google',
    brand_key: 'google',
    brand_image_url: '/v1/models/brands/google/image',
    upstream_id: entry.upstreamId,
    released_at: null,
    modalities: ['video'],
    description: entry.description,
    // "Veo3.1 is not token priced." (S000)
    price_input_per_m: 0,
    price_output_per_m: 0,
    capabilities: {
      async_supported: true,
      // "Video generation is task-only." (S000)
      request_mode: ['task'],
      pricing: { mode: 'resolution', tiers: pricingTiers(entry.family) },
      parameters: [
        { name: 'generationType', enum: referenceTypes },
        { name: 'aspect_ratio', enum: ['16:9', '9:16', 'Auto'] },
        { name: 'resolution', enum: [...RESOLUTIONS] },
      ],
      // Public http/https image URLs only (X-VEO).
      reference_input: { supported: true, transport: ['url'], max_items: entry.family === 'fast' ? 3 : 2 },
    },
    enabled: true,
    created_at: CATALOG_TIME,
    updated_at: CATALOG_TIME,
    // `channel_id` names one of these; "auto (newest active channel)" when absent (X-VEO, X-CVG).
    available_channels: [{ id: 1, name: 'KIE', slug: 'kie', description: 'KIE Veo upstream', price_input_per_m: 0, price_output_per_m: 0 }],
  }
}

export function renderModelList(): ModelList {
  return { object: 'list', data: CATALOG.map(renderModel) }
}

// Public: "GET /v1/models is public" — the spec declares `security: []`, so the core skips auth.
// @see https://docs.xenodia.xyz/ja/docs/authentication (docs/vendors/xenodia.md §2)
export const listModelsRoute: CustomRoute = {
  kind: 'custom',
  method: 'get',
  path: '/v1/models',
  handle: () => ({ status: 200, body: renderModelList() }),
}
