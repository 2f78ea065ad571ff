"""A matrix-nio user (libolm) verifies the ChatrixCD bot's device by emoji, steering the bot in chat.

nio 0.20 starts SAS with a bare m.key.verification.start. This script starts it toward the bot's
device, then follows the test's signals, files that appear in signal_dir:
  accept  -> it says "!cd verify accept <id>" in the room;
  (once the keys are exchanged it prints its seven emojis, EMOJI <symbol> <name>)
  confirm -> it accepts the emojis on its own side, then says "!cd verify confirm <id>".
It ends when nio trusts the bot's device. Arguments: base URL, user id, password, room id, bot user
id, bot device id, store dir, signal dir. Prints one line per milestone; exits non-zero on failure.
"""

import asyncio
import os
import sys

from nio import (
    AsyncClient,
    AsyncClientConfig,
    RoomSendResponse,
    ToDeviceError,
)

from nio_common import fail, join, login
from nio_common import maintain as sync_round

WAIT_SECONDS = 120


async def maintain(client, timeout=0):
    """One sync round; the verification's to-device messages go out with it."""
    return await sync_round(client, timeout, to_device=True)


async def say(client, room_id, text):
    sent = await client.room_send(
        room_id,
        "m.room.message",
        {"msgtype": "m.text", "body": text},
        ignore_unverified_devices=True,
    )
    if not isinstance(sent, RoomSendResponse):
        fail("sending " + repr(text) + " answered " + repr(sent))
    print("SAID " + text, flush=True)


def bot_device(client, bot_id, device_id):
    try:
        return client.device_store[bot_id][device_id]
    except KeyError:
        return None


def signalled(signal_dir, name):
    return os.path.exists(os.path.join(signal_dir, name))


async def main(base_url, user_id, password, room_id, bot_id, device_id, store_dir, signal_dir):
    config = AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False)
    client = AsyncClient(base_url, user_id, store_path=store_dir, config=config)
    try:
        await login(client, password, "nio verifier")
        await join(client, room_id)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_SECONDS
        device = None
        while loop.time() < deadline and device is None:
            await maintain(client, timeout=500)
            room = client.rooms.get(room_id)
            if room and room.encrypted and bot_id in room.users:
                device = bot_device(client, bot_id, device_id)
        if device is None:
            fail("never learned the bot's device " + device_id)

        started = await client.start_key_verification(device)
        if isinstance(started, ToDeviceError):
            fail("starting the verification answered " + repr(started))
        sas = client.get_active_sas(bot_id, device_id)
        if sas is None:
            fail("no verification with the bot after starting one")
        short_id = sas.transaction_id[:8]
        print("STARTED " + sas.transaction_id, flush=True)

        accepted = shown = confirmed = False
        while loop.time() < deadline:
            await maintain(client, timeout=300)
            if sas.canceled:
                fail("the verification was cancelled: " + str(sas.cancel_code))
            if not accepted and signalled(signal_dir, "accept"):
                await say(client, room_id, "!cd verify accept " + short_id)
                accepted = True
            if not shown and sas.other_key_set:
                for symbol, name in sas.get_emoji():
                    print("EMOJI " + symbol + " " + name, flush=True)
                shown = True
            if shown and not confirmed and signalled(signal_dir, "confirm"):
                sent = await client.confirm_short_auth_string(sas.transaction_id)
                if isinstance(sent, ToDeviceError):
                    fail("confirming answered " + repr(sent))
                await say(client, room_id, "!cd verify confirm " + short_id)
                confirmed = True
            if confirmed and sas.verified and bot_device(client, bot_id, device_id).verified:
                print("VERIFIED " + device_id, flush=True)
                print("DONE", flush=True)
                return
        fail("timed out; accepted=%s shown=%s confirmed=%s" % (accepted, shown, confirmed))
    finally:
        await client.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:9]))
