"""A matrix-nio user (libolm) talks to the ChatrixCD bot in an encrypted room.

It joins the room it was invited to, sends an encrypted text, then waits for the bot's encrypted
notice and decrypts it. Arguments: base URL, user id, password, room id, bot user id, store dir,
text to send, notice body to expect. Prints one line per milestone; exits non-zero on failure.
"""

import asyncio
import sys

from nio import (
    AsyncClient,
    AsyncClientConfig,
    JoinResponse,
    LoginResponse,
    MegolmEvent,
    RoomMessageNotice,
    RoomSendResponse,
)

from nio_common import fail, maintain

WAIT_SECONDS = 60


async def main(base_url, user_id, password, room_id, bot_id, store_dir, text, expected):
    config = AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False)
    client = AsyncClient(base_url, user_id, store_path=store_dir, config=config)
    try:
        login = await client.login(password, device_name="nio person")
        if not isinstance(login, LoginResponse):
            fail("login answered " + repr(login))
        print("LOGGED_IN " + login.device_id, flush=True)
        await maintain(client)
        joined = await client.join(room_id)
        if not isinstance(joined, JoinResponse):
            fail("join answered " + repr(joined))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_SECONDS
        while loop.time() < deadline:
            await maintain(client, timeout=500)
            room = client.rooms.get(room_id)
            if room and room.encrypted and bot_id in room.users:
                break
        else:
            fail("the room never showed as encrypted with the bot in it")
        await maintain(client)

        sent = await client.room_send(
            room_id,
            "m.room.message",
            {"msgtype": "m.text", "body": text},
            ignore_unverified_devices=True,
        )
        if not isinstance(sent, RoomSendResponse):
            fail("encrypted send answered " + repr(sent))
        print("SENT " + sent.event_id, flush=True)

        waiting = []
        while loop.time() < deadline:
            response = await maintain(client, timeout=1000)
            room = response.rooms.join.get(room_id)
            events = list(room.timeline.events) if room else []
            still = []
            for event in waiting + events:
                if isinstance(event, MegolmEvent):
                    try:
                        event = client.decrypt_event(event)
                    except Exception:  # the room key may still be on its way
                        still.append(event)
                        continue
                if (
                    isinstance(event, RoomMessageNotice)
                    and event.sender == bot_id
                    and event.body == expected
                ):
                    print("DECRYPTED " + event.event_id + " " + event.body, flush=True)
                    print("DONE", flush=True)
                    return
            waiting = [e for e in still if isinstance(e, MegolmEvent)]
        fail("never decrypted the bot's notice; undecrypted: " + str(len(waiting)))
    finally:
        await client.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:9]))
