"""Parley conformance scenario, driven by a client nobody on the server side wrote.

Usage: /usr/bin/python3 conformance.py <base-url> <report.json>

Register three users, an organization, an invite, a DM and a group room, live
messages with an idempotent retry, typing, read receipts, a disconnect caught
up with `sync`, and an SSE stream. Every step is checked here; every event
and ack received is written to the report, which the Japa spec validates
against /asyncapi.json. Exit status 0 means every step passed.
"""

import json
import sys
import traceback
import uuid

from parley_client import ApiError, Realtime, Rest, Sse

BASE_URL, REPORT = sys.argv[1], sys.argv[2]
steps = []


def step(name):
    def run(fn):
        try:
            detail = fn()
            steps.append({"step": name, "ok": True, "detail": detail})
        except Exception as error:  # noqa: BLE001 - the report names the failure
            steps.append({"step": name, "ok": False, "error": repr(error),
                          "trace": traceback.format_exc()})
            raise
        return fn

    return run


def check(condition, message):
    if not condition:
        raise AssertionError(message)


# What the documents publish: server→client events are the AsyncAPI `send` operations.
asyncapi = Rest(BASE_URL).call("GET", "/asyncapi.json")
openapi = Rest(BASE_URL).call("GET", "/openapi.json")
server_events = sorted(
    name for name, operation in asyncapi["operations"].items()
    if operation["action"] == "send" and operation["channel"]["$ref"] == "#/channels/socket"
    and name != "connect_error"
)
check("/auth/register" in openapi["paths"], "register is documented")

suffix = uuid.uuid4().hex[:8]
people = {}
ctx = {}
sockets = []


def register(name):
    body = {"email": f"{name}-{suffix}@example.com", "username": f"{name}_{suffix}",
            "password": "correct horse battery", "displayName": name.title()}
    result = Rest(BASE_URL).data("POST", "/auth/register", body)
    people[name] = {"id": result["user"]["id"], "token": result["token"], "email": body["email"]}


def rest(name):
    return Rest(BASE_URL, people[name]["token"], ctx.get("org"))


def socket(name):
    client = Realtime(BASE_URL, people[name]["token"], ctx["org"], server_events)
    sockets.append(client)
    return client


try:
    @step("register the first account (the server's admin)")
    def _():
        register("ann")
        return people["ann"]["id"]

    @step("create an organization")
    def _():
        org = rest("ann").data("POST", "/organizations", {"name": f"Conformance {suffix}"})
        ctx["org"] = org["id"]
        check(org["role"] == "owner", "the creator owns it")
        return org["id"]

    @step("invite by email, register with the invited address, accept")
    def _():
        for name in ("bob", "cat"):
            email = f"{name}-{suffix}@example.com"
            invite = rest("ann").data(
                "POST", f"/organizations/{ctx['org']}/invite", {"email": email}
            )
            register(name)
            joined = rest(name).data("POST", f"/organizations/accept-invite/{invite['token']}")
            check(joined["id"] == ctx["org"], "the invite joins the organization")
        members = rest("ann").call("GET", f"/organizations/{ctx['org']}/members")
        return len(members["data"])

    @step("open a DM and a group room")
    def _():
        dm = rest("ann").data("POST", "/chat/rooms/direct", {"userId": people["bob"]["id"]})
        group = rest("ann").data("POST", "/chat/rooms/group", {
            "name": "conformance", "memberIds": [people["bob"]["id"], people["cat"]["id"]]})
        ctx["dm"], ctx["group"] = dm["id"], group["id"]
        check(dm["type"] == "direct" and group["type"] == "group", "room types")
        return [dm["id"], group["id"]]

    @step("connect over Socket.IO with the token in auth")
    def _():
        ctx["ann"], ctx["bob"] = socket("ann"), socket("bob")
        for name in ("ann", "bob"):
            connected = ctx[name].connect()
            check(ctx["group"] in connected["rooms"] and ctx["dm"] in connected["rooms"],
                  f"{name}'s socket is in both rooms")
        return "connected"

    @step("a bad token is refused with E_UNAUTHORIZED")
    def _():
        client = Realtime(BASE_URL, "not-a-token", ctx["org"], server_events)
        try:
            client.connect()
        except Exception as error:  # noqa: BLE001 - python-socketio raises ConnectionError
            check("E_UNAUTHORIZED" in str(error), f"refused with the code: {error}")
            return str(error)
        raise AssertionError("a bad token connected")

    @step("live message in the DM, acked after commit, one payload argument")
    def _():
        sent = ctx["ann"].request("send_message", {
            "roomId": ctx["dm"], "content": "hello bob", "clientMessageId": str(uuid.uuid4())})
        got = ctx["bob"].wait_for("new_message", lambda m: m["id"] == sent["id"])
        check(got["content"] == "hello bob" and got["seq"] == sent["seq"], "same message")
        return {"seq": sent["seq"]}

    @step("a retried send with the same clientMessageId returns the stored message")
    def _():
        key = str(uuid.uuid4())
        payload = {"roomId": ctx["group"], "content": "once only", "clientMessageId": key}
        first = ctx["ann"].request("send_message", payload)
        again = ctx["ann"].request("send_message", payload)
        check(first["id"] == again["id"], "the retry is not a duplicate")
        try:
            ctx["ann"].request("send_message", {**payload, "content": "changed"})
            raise AssertionError("another body with the same key was accepted")
        except ApiError as error:
            check(error.code == "E_IDEMPOTENCY_CONFLICT", f"conflict code: {error.code}")
        ctx["last_group"] = first
        return first["id"]

    @step("typing reaches the other member")
    def _():
        ctx["bob"].request("typing_start", {"roomId": ctx["group"]})
        got = ctx["ann"].wait_for("user_typing", lambda p: p["userId"] == people["bob"]["id"])
        ctx["bob"].request("typing_stop", {"roomId": ctx["group"]})
        ctx["ann"].wait_for("user_stopped_typing", lambda p: p["roomId"] == ctx["group"])
        return got

    @step("read receipts")
    def _():
        seq = ctx["last_group"]["seq"]
        ack = ctx["bob"].request("mark_as_read", {"roomId": ctx["group"], "seq": seq})
        check(ack["lastReadSeq"] == seq, "pointer moved")
        got = ctx["ann"].wait_for("message_read", lambda p: p["userId"] == people["bob"]["id"])
        check(got["seq"] == seq, "receipt carries the seq")
        return got

    @step("errors come back in the ack with a code")
    def _():
        try:
            ctx["ann"].request("send_message", {"roomId": str(uuid.uuid4()), "content": "x"})
        except ApiError as error:
            check(error.code == "E_NOT_FOUND", f"unknown room: {error.code}")
            return error.code
        raise AssertionError("a send to an unknown room succeeded")

    @step("disconnect, miss messages and an edit, catch up with sync exactly once")
    def _():
        page = rest("bob").call("GET", f"/chat/rooms/{ctx['group']}/messages", params={"limit": 50})
        cursor = page["meta"]["syncCursor"]
        ctx["bob"].disconnect()
        missed = [ctx["ann"].request("send_message", {"roomId": ctx["group"], "content": f"missed {i}"})
                  for i in range(3)]
        ctx["ann"].request("edit_message", {"messageId": missed[0]["id"], "content": "missed 0, edited"})
        ctx["bob"] = socket("bob")
        ctx["bob"].connect()
        result = ctx["bob"].request("sync", {"rooms": {ctx["group"]: cursor}})
        room = result["rooms"][ctx["group"]]
        check(room["ok"], "the room syncs")
        ids = [m["id"] for m in room["data"]["messages"]]
        check(sorted(ids) == sorted(m["id"] for m in missed), f"each missed message once: {ids}")
        edited = next(m for m in room["data"]["messages"] if m["id"] == missed[0]["id"])
        check(edited["content"] == "missed 0, edited", "the edit is included")
        again = ctx["bob"].request("sync", {"rooms": {ctx["group"]: room["data"]["cursor"]}})
        check(again["rooms"][ctx["group"]]["data"]["messages"] == [], "nothing twice")
        return {"cursor": room["data"]["cursor"], "messages": len(ids)}

    @step("SSE stream on a room channel")
    def _():
        stream = Sse(BASE_URL, people["cat"]["token"])
        ctx["sse"] = stream
        stream.open()
        stream.subscribe(f"orgs/{ctx['org']}/rooms/{ctx['group']}")
        stream.subscribe(f"users/{people['cat']['id']}")
        sent = ctx["ann"].request("send_message", {
            "roomId": ctx["group"], "content": f"@cat_{suffix} over SSE"})
        got = stream.wait_for("new_message", lambda m: m["id"] == sent["id"])
        stream.wait_for("mentioned", lambda p: p["message"]["id"] == sent["id"])
        try:
            stream.subscribe(f"orgs/{ctx['org']}/rooms/{ctx['dm']}")
            raise AssertionError("subscribed to a room cat is not in")
        except ApiError as error:
            check(error.status == 404, f"a foreign channel is 404: {error.status}")
        return got["seq"]

    @step("no undocumented event, every handler got one argument")
    def _():
        failures = [f for client in sockets for f in client.failures]
        check(failures == [], f"undocumented events: {failures}")
        return len(server_events)
    status = 0
except Exception:  # noqa: BLE001 - reported through `steps`
    status = 1
finally:
    for client in sockets:
        try:
            client.disconnect()
        except Exception:  # noqa: BLE001 - already gone
            pass
    if "sse" in ctx:
        ctx["sse"].close()

events = [event for client in sockets for event in client.received]
sse = ctx["sse"].messages if "sse" in ctx else []
with open(REPORT, "w", encoding="utf-8") as report:
    json.dump({"steps": steps, "events": events, "sse": sse}, report)
sys.exit(status)
