/** One API key as listed (a bot's access token): never its secret or hash. */
export interface ApiKeyRow {
  id: string
  name: string | null
  lastUsedAt: Date | null
  createdAt: Date
}
