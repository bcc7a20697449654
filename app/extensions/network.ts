/*
 * Outgoing requests for plugins: the SSRF rules core applies to every URL
 * someone else chose (app/services/safe_address.ts), so a plugin that
 * fetches (link-previews) refuses exactly what webhooks refuse.
 */
export {
  assertSafeUrl,
  guardedLookup,
  isPublicAddress,
  UnsafeAddressError,
  type AddressAllowance,
} from '#services/safe_address'
