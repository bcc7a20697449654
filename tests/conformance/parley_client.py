"""A Parley client written only from what the server publishes.

REST from /openapi.json, Socket.IO and SSE from /asyncapi.json, recovery and
idempotency from docs/client.md. It uses Debian's python3-requests and
python3-socketio (5.x) and nothing of Parley's own code. It is the worked
example of docs/client.md and the client of the conformance suite
(tests/functional/conformance/python_client.spec.ts).
"""

import json
import queue
import threading
import time
import uuid

import requests
import socketio


class ApiError(Exception):
    """A REST error: `{ "errors": [{ "code", "message", "field"? }] }`."""

    def __init__(self, status, body):
        self.status = status
        self.errors = (body or {}).get("errors", [])
        self.code = self.errors[0]["code"] if self.errors else None
        super().__init__(f"{status} {self.code}: {self.errors}")


class Rest:
    """REST calls: bearer token, organization header, the `{ data }` envelope."""

    def __init__(self, base_url, token=None, organization_id=None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.organization_id = organization_id
        self.http = requests.Session()

    def headers(self):
        headers = {"accept": "application/json"}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        if self.organization_id:
            headers["x-organization-id"] = self.organization_id
        return headers

    def call(self, method, path, body=None, params=None):
        """Sends a request; returns the whole JSON body (`data`, and `meta` for lists)."""
        response = self.http.request(
            method, self.base_url + path, json=body, params=params,
            headers=self.headers(), timeout=10,
        )
        if response.status_code == 204:
            return None
        payload = response.json()
        if response.status_code >= 400:
            raise ApiError(response.status_code, payload)
        return payload

    def data(self, method, path, body=None, params=None):
        return self.call(method, path, body, params)["data"]


class Realtime:
    """One Socket.IO connection.

    Every server event carries exactly one argument, so each handler takes
    one parameter. Events are recorded (name, payload) and can be awaited.
    """

    def __init__(self, base_url, token, organization_id, event_names):
        self.base_url = base_url
        self.auth = {"token": token, "organizationId": organization_id}
        self.received = []
        self.failures = []
        self._inbox = queue.Queue()
        self.sio = socketio.Client(reconnection=False)
        for name in event_names:
            self.sio.on(name, self._handler(name))
        # Anything not in the document lands here (and is reported).
        self.sio.on("*", lambda event, *args: self.failures.append(("undocumented", event, args)))
        self.sio.on("connect_error", self._refused)

    def _refused(self, payload):
        # A refused handshake: `{ message: <code>, data: { code, message } }`.
        self.received.append({"name": "connect_error", "args": [payload]})
        self._inbox.put(("connect_error", payload))

    def _handler(self, name):
        def handler(payload):  # exactly one argument, as /asyncapi.json promises
            self.received.append({"name": name, "args": [payload]})
            self._inbox.put((name, payload))

        return handler

    def connect(self):
        """Connects and waits for `connected`; returns its payload."""
        # socketio_path defaults to 'socket.io'; without python3-websocket the
        # client talks HTTP long-polling, which the server accepts as well.
        try:
            self.sio.connect(self.base_url, auth=self.auth, wait_timeout=10)
        except socketio.exceptions.ConnectionError:
            # python-socketio raises a generic error; the code came in `connect_error`.
            self.wait_for("connect_error", timeout=2)
            raise
        return self.wait_for("connected")

    def wait_for(self, name, predicate=lambda payload: True, timeout=10):
        """The next `name` event whose payload satisfies `predicate` (others are kept)."""
        deadline = time.time() + timeout
        kept = []
        try:
            while True:
                left = deadline - time.time()
                if left <= 0:
                    raise TimeoutError(f"no {name} within {timeout} s")
                event, payload = self._inbox.get(timeout=left)
                if event == "connect_error":
                    raise ConnectionError(payload["data"]["code"], payload)
                if event == name and predicate(payload):
                    return payload
                kept.append((event, payload))
        finally:
            for item in kept:
                self._inbox.put(item)

    def request(self, event, payload, timeout=10):
        """Emits with an ack; returns `data` of `{ ok: true, data }`, raises on `{ ok: false }`."""
        answer = self.sio.call(event, payload, timeout=timeout)
        self.received.append({"name": f"{event}.ack", "args": [answer]})
        if not answer.get("ok"):
            raise ApiError(0, {"errors": [answer["error"]]})
        return answer["data"]

    def disconnect(self):
        self.sio.disconnect()


class Sse:
    """The SSE transport: one stream per `uid`, channels subscribed over REST."""

    def __init__(self, base_url, token):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.uid = str(uuid.uuid4())
        self.messages = []
        self._opened = threading.Event()
        self._stop = False
        self._response = None
        self._thread = threading.Thread(target=self._read, daemon=True)

    def open(self):
        self._thread.start()
        if not self._opened.wait(10):
            raise TimeoutError("the SSE stream did not open")

    def _read(self):
        headers = {"authorization": f"Bearer {self.token}", "accept": "text/event-stream"}
        self._response = requests.get(
            f"{self.base_url}/__transmit/events", params={"uid": self.uid},
            headers=headers, stream=True, timeout=(10, None),
        )
        self._opened.set()
        data = []
        for line in self._response.iter_lines(decode_unicode=True):
            if self._stop:
                return
            if line.startswith("data:"):
                data.append(line[5:].lstrip())
            elif line == "" and data:
                message = json.loads("\n".join(data))
                data = []
                if not message.get("channel", "").startswith("$$transmit/"):
                    self.messages.append(message)

    def subscribe(self, channel):
        response = requests.post(
            f"{self.base_url}/__transmit/subscribe",
            json={"uid": self.uid, "channel": channel},
            headers={"authorization": f"Bearer {self.token}"}, timeout=10,
        )
        if response.status_code >= 400:
            raise ApiError(response.status_code, response.json())

    def wait_for(self, event, predicate=lambda data: True, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for message in self.messages:
                payload = message["payload"]
                if payload["event"] == event and predicate(payload["data"]):
                    return payload["data"]
            time.sleep(0.05)
        raise TimeoutError(f"no SSE {event} within {timeout} s")

    def close(self):
        self._stop = True
        if self._response is not None:
            self._response.close()
