// What the generated table (the SDK's `*Create` types) cannot say, from Commerce Layer's dashboard
// imports app, which checks each CSV row before its importer sends it (commercelayer/dashboard-apps,
// apps/imports/src/components/InputParser/schemas/<type>.ts). The SDK types every number as
// `number`; the dashboard reads these as integers (`zodEnforce*Int`) with a lower bound.
import type { ImportResourceType } from '../types.js';

export interface NumberRefinement {
  integer: boolean;
  /** Inclusive lower bound ("nonnegative"), or exclusive one ("positive"). */
  minimum?: number;
  exclusiveMinimum?: number;
}

const nonNegativeInt: NumberRefinement = { integer: true, minimum: 0 };
const positiveInt: NumberRefinement = { integer: true, exclusiveMinimum: 0 };

export const NUMBER_REFINEMENTS: Readonly<Partial<Record<ImportResourceType, Readonly<Record<string, NumberRefinement>>>>> = {
  // skus.ts: pieces_per_pack zodEnforcePositiveInt, weight zodEnforcePositiveFloat.
  skus: { pieces_per_pack: positiveInt, weight: { integer: false, exclusiveMinimum: 0 } },
  // prices.ts: amount_cents and compare_at_amount_cents zodEnforceNonNegativeInt.
  prices: { amount_cents: nonNegativeInt, compare_at_amount_cents: nonNegativeInt },
  // stockItems.ts: quantity zodEnforceNonNegativeInt.
  stock_items: { quantity: nonNegativeInt },
  // giftCards.ts: balance_cents zodEnforceNonNegativeInt.
  gift_cards: { balance_cents: nonNegativeInt },
  // coupon.ts: usage_limit zodEnforcePositiveInt.
  coupons: { usage_limit: positiveInt },
  // lineItems.ts: quantity zodEnforcePositiveInt, unit_amount_cents zodEnforceInt.
  line_items: { quantity: positiveInt, unit_amount_cents: { integer: true } },
  // skuOptions.ts: price_amount_cents and delay_hours zodEnforcePositiveInt.
  sku_options: { price_amount_cents: positiveInt, delay_hours: positiveInt },
  // bundle.ts: price_amount_cents and compare_at_amount_cents zodEnforcePositiveInt. The dashboard
  // also requires both; the SDK's BundleCreate does not, and the SDK (the API's own document) is followed.
  bundles: { price_amount_cents: positiveInt, compare_at_amount_cents: positiveInt },
};

/**
 * Requirements that depend on the record. `unlessAny`: required unless one of these attributes is
 * present (a `<relationship>_id` there is also satisfied by the import's parent, when it stands for
 * that relationship). `unlessTrue`: not required when this boolean attribute is true.
 */
export interface Condition {
  unlessAny?: readonly string[];
  unlessTrue?: string;
}

export const CONDITIONS: Readonly<Partial<Record<ImportResourceType, Readonly<Record<string, Condition>>>>> = {
  // skus.ts: "shipping_category_id is required when SKU is shippable": a SKU with do_not_ship true
  // needs none. The SDK's SkuCreate requires shipping_category always; the dashboard is followed,
  // being what Commerce Layer's own importer accepts.
  skus: { shipping_category_id: { unlessTrue: 'do_not_ship' } },
  // stockItems.ts: "sku_id is required, if sku_code is not present". The SDK's StockItemCreate makes
  // the sku optional; the dashboard is followed: a stock item is a SKU's stock (its documented key is
  // sku_code + stock_location_id).
  stock_items: { sku_id: { unlessAny: ['sku_code'] } },
  // giftCards.ts: "currency_code is required if no market_id is specified".
  gift_cards: { currency_code: { unlessAny: ['market_id'] } },
  // bundle.ts: "currency_code is required if market_id is not set".
  bundles: { currency_code: { unlessAny: ['market_id'] } },
  // skuOptions.ts: "currency_code is required if market_id or parent resource is not set".
  sku_options: { currency_code: { unlessAny: ['market_id'] } },
};

