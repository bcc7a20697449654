/*
|--------------------------------------------------------------------------
| Bouncer policies
|--------------------------------------------------------------------------
|
| Lazily imported policies, referenced by name from `bouncerFor(actor)`.
|
*/
export const policies = {
  OrganizationPolicy: () => import('#policies/organization_policy'),
}
