"""Plays a person with matrix-nio against the ChatrixCD test homeserver.

Arguments: base URL, user id, password, id of a room the user was invited to, and the user id of
the Java-side person. Prints one line per milestone; exits non-zero with a reason on failure.
"""

import asyncio
import sys

from nio import (
    AsyncClient,
    JoinResponse,
    LoginResponse,
    RoomCreateResponse,
    RoomMessageText,
    RoomSendResponse,
    SyncResponse,
)

WAIT_SECONDS = 30


def fail(reason):
    print("FAIL " + reason, flush=True)
    sys.exit(1)


async def wait_for_text(client, room_id, body):
    """Syncs until a text message with this body from someone else shows up in the room."""
    deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
    while asyncio.get_running_loop().time() < deadline:
        response = await client.sync(timeout=5000)
        if not isinstance(response, SyncResponse):
            fail("sync answered " + repr(response))
        joined = response.rooms.join.get(room_id)
        if joined is None:
            continue
        for event in joined.timeline.events:
            if (
                isinstance(event, RoomMessageText)
                and event.body == body
                and event.sender != client.user_id
            ):
                return event
    fail("no message " + repr(body) + " in " + room_id)


async def main(base_url, user_id, password, room_id, peer_id):
    client = AsyncClient(base_url, user_id)
    try:
        login = await client.login(password, device_name="nio interop")
        if not isinstance(login, LoginResponse):
            fail("login answered " + repr(login))
        print("LOGGED_IN " + login.device_id, flush=True)

        first = await client.sync(timeout=0, full_state=True)
        if not isinstance(first, SyncResponse):
            fail("initial sync answered " + repr(first))
        if room_id not in first.rooms.invite:
            fail("the invite to " + room_id + " is missing from the initial sync")

        joined = await client.join(room_id)
        if not isinstance(joined, JoinResponse):
            fail("join answered " + repr(joined))
        sent = await client.room_send(
            room_id, "m.room.message", {"msgtype": "m.text", "body": "hello from nio"}
        )
        if not isinstance(sent, RoomSendResponse):
            fail("send answered " + repr(sent))
        print("SENT " + sent.event_id, flush=True)

        received = await wait_for_text(client, room_id, "hello from java")
        print("RECEIVED " + received.event_id + " from " + received.sender, flush=True)

        created = await client.room_create(name="nio room", invite=[peer_id])
        if not isinstance(created, RoomCreateResponse):
            fail("room_create answered " + repr(created))
        await client.room_send(
            created.room_id, "m.room.message", {"msgtype": "m.text", "body": "nio created this"}
        )
        print("CREATED " + created.room_id, flush=True)

        reply = await wait_for_text(client, created.room_id, "reply from java")
        print("REPLY " + reply.event_id, flush=True)
        print("DONE", flush=True)
    finally:
        await client.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:6]))
