"""A matrix-nio user (libolm) talks to the ChatrixCD bot in an encrypted room.

It joins the room it was invited to, sends an encrypted text, then waits for the bot's encrypted
notice and decrypts it. Arguments: base URL, user id, password, room id, bot user id, store dir,
text to send, notice body to expect, and optionally "ask-for-keys". Prints one line per milestone;
exits non-zero on failure.

With "ask-for-keys", a message from the bot it cannot decrypt makes it send the bot's devices an
m.room_key_request built by nio itself (MegolmEvent.as_key_request, sent with AsyncClient.to_device,
which also files it as one of nio's outgoing key requests); nio 0.20's own request_room_key only
asks the user's own devices, hence the explicit recipient. It then waits for the key.
"""

import asyncio
import sys

from nio import (
    AsyncClient,
    AsyncClientConfig,
    MegolmEvent,
    RoomMessageNotice,
    RoomSendResponse,
    ToDeviceResponse,
)

from nio_common import fail, join, login, maintain

WAIT_SECONDS = 90


async def ask_bot(client, event, bot_id):
    request = event.as_key_request(bot_id, client.device_id)
    sent = await client.to_device(request)
    if not isinstance(sent, ToDeviceResponse):
        fail("the key request answered " + repr(sent))
    print("REQUESTED " + request.request_id, flush=True)


async def main(
    base_url, user_id, password, room_id, bot_id, store_dir, text, expected, mode="just-wait"
):
    ask_for_keys = mode == "ask-for-keys"
    config = AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False)
    client = AsyncClient(base_url, user_id, store_path=store_dir, config=config)
    try:
        await login(client, password, "nio person")
        await join(client, room_id)
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
        asked = set()
        while loop.time() < deadline:
            response = await maintain(client, timeout=1000, to_device=ask_for_keys)
            room = response.rooms.join.get(room_id)
            events = list(room.timeline.events) if room else []
            still = []
            for event in waiting + events:
                if isinstance(event, MegolmEvent):
                    try:
                        event = client.decrypt_event(event)
                    except Exception:  # the room key may still be on its way
                        still.append(event)
                        if ask_for_keys and event.sender == bot_id and event.session_id not in asked:
                            asked.add(event.session_id)
                            print("UNDECRYPTABLE " + event.event_id, flush=True)
                            await ask_bot(client, event, bot_id)
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
    asyncio.run(main(*sys.argv[1:10]))
