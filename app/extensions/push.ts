/*
 * Push dispatch: core hands every push notification to the registered
 * senders; a push plugin registers one in `boot`/`start` and removes it in
 * `shutdown`.
 */
export { default as pushDispatcher } from '#services/push_dispatcher'
export type { PushNotification, PushSender } from '#services/push_dispatcher'
