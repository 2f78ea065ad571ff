"""Two matrix-nio clients with libolm exchange an encrypted message through the test homeserver.

This drives the keys endpoints (upload, query, claim), device lists and one-time-key counts in
/sync, and to-device delivery the way a real end-to-end encrypting client uses them.
Arguments: base URL and a writable directory for the clients' stores.
"""

import asyncio
import os
import sys

from nio import (
    AsyncClient,
    AsyncClientConfig,
    JoinResponse,
    LoginResponse,
    MegolmEvent,
    RegisterResponse,
    RoomCreateResponse,
    RoomMessageText,
    RoomSendResponse,
    SyncResponse,
)

WAIT_SECONDS = 30
SECRET = "the deploy key is in the vault"


def fail(reason):
    print("FAIL " + reason, flush=True)
    sys.exit(1)


async def person(base_url, store_dir, name):
    """Registers and logs in a new user with encryption enabled and uploads its keys."""
    path = os.path.join(store_dir, name)
    os.makedirs(path, exist_ok=True)
    config = AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False)
    client = AsyncClient(base_url, "@" + name + ":localhost", store_path=path, config=config)
    registered = await client.register(name, name + "-password", "nio " + name)
    if not isinstance(registered, RegisterResponse):
        fail(name + " register answered " + repr(registered))
    login = await client.login(name + "-password", device_name="nio " + name)
    if not isinstance(login, LoginResponse):
        fail(name + " login answered " + repr(login))
    await maintain(client)
    return client


async def maintain(client, timeout=0):
    """One sync plus the key housekeeping nio's sync_forever would do."""
    response = await client.sync(timeout=timeout)
    if not isinstance(response, SyncResponse):
        fail("sync answered " + repr(response))
    if client.should_upload_keys:
        await client.keys_upload()
    if client.should_query_keys:
        await client.keys_query()
    if client.should_claim_keys:
        await client.keys_claim(client.get_users_for_key_claiming())
    return response


async def main(base_url, store_dir):
    alice = await person(base_url, store_dir, "ealice")
    bob = await person(base_url, store_dir, "ebob")
    try:
        created = await alice.room_create(
            name="secrets",
            invite=[bob.user_id],
            initial_state=[
                {
                    "type": "m.room.encryption",
                    "state_key": "",
                    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
                }
            ],
        )
        if not isinstance(created, RoomCreateResponse):
            fail("room_create answered " + repr(created))
        room_id = created.room_id
        await maintain(bob)
        joined = await bob.join(room_id)
        if not isinstance(joined, JoinResponse):
            fail("join answered " + repr(joined))
        await maintain(bob)
        await maintain(alice)
        await maintain(alice)
        if not alice.rooms[room_id].encrypted:
            fail("alice does not see the room as encrypted")

        sent = await alice.room_send(
            room_id,
            "m.room.message",
            {"msgtype": "m.text", "body": SECRET},
            ignore_unverified_devices=True,
        )
        if not isinstance(sent, RoomSendResponse):
            fail("encrypted send answered " + repr(sent))
        print("SENT_ENCRYPTED " + sent.event_id, flush=True)

        deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
        undecrypted = []
        while asyncio.get_running_loop().time() < deadline:
            response = await maintain(bob, timeout=3000)
            room = response.rooms.join.get(room_id)
            events = list(room.timeline.events) if room else []
            for event in undecrypted + events:
                if isinstance(event, MegolmEvent):
                    try:
                        event = bob.decrypt_event(event)
                    except Exception:  # the room key may not have arrived yet
                        undecrypted.append(event)
                        continue
                if isinstance(event, RoomMessageText) and event.body == SECRET:
                    print("DECRYPTED " + event.event_id, flush=True)
                    print("DONE", flush=True)
                    return
            undecrypted = [e for e in undecrypted if isinstance(e, MegolmEvent)]
        fail("bob never decrypted the message")
    finally:
        await alice.close()
        await bob.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
