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
  RoomPolicy: () => import('#policies/room_policy'),
  MessagePolicy: () => import('#policies/message_policy'),
  MediaPolicy: () => import('#policies/media_policy'),
}
