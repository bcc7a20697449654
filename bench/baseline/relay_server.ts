/*
|--------------------------------------------------------------------------
| Bare Socket.IO relay (the bench's ceiling)
|--------------------------------------------------------------------------
|
| The same transport as Parley (Socket.IO 4 on the default `ws` engine,
| websocket only) with no auth, no database and no encryption: a socket
| names its user and rooms in the handshake, `send_message` is acked and
| emitted to the room with a message of Parley's shape. What Parley spends
| beyond this is what its features cost.
|
*/
import { createServer } from 'node:http'
import { randomUUID } from 'node:crypto'
import { Server } from 'socket.io'

const port = Number(process.env.RELAY_PORT ?? 3690)
const http = createServer((req, res) => {
  res.writeHead(req.url === '/ready' ? 200 : 404).end()
})
const io = new Server(http, { serveClient: false, transports: ['websocket'] })
const seqs = new Map<string, number>()

io.on('connection', (socket) => {
  const auth = socket.handshake.auth as { userId?: string; rooms?: string[] }
  const userId = String(auth.userId ?? socket.id)
  socket.join([`user:${userId}`, ...(auth.rooms ?? []).map((id) => `room:${id}`)])
  socket.emit('connected', { userId, rooms: auth.rooms ?? [] })
  socket.on('send_message', (payload, ack) => {
    const roomId = String(payload?.roomId)
    const seq = (seqs.get(roomId) ?? 0) + 1
    seqs.set(roomId, seq)
    const message = {
      id: randomUUID(),
      roomId,
      senderId: userId,
      seq,
      versionSeq: seq,
      content: String(payload?.content ?? ''),
      replyToId: null,
      clientMessageId: payload?.clientMessageId ?? null,
      mentions: [],
      editedAt: null,
      deletedAt: null,
      createdAt: new Date().toISOString(),
    }
    io.to(`room:${roomId}`).emit('new_message', message)
    if (typeof ack === 'function') ack({ ok: true, data: message })
  })
})

http.listen(port, '127.0.0.1')
process.on('SIGTERM', () => {
  io.close()
  http.close(() => process.exit(0))
})
