"""What the matrix-nio test scripts share: failing loudly, and one round of sync housekeeping."""

import sys

from nio import JoinResponse, LoginResponse, SyncResponse


def fail(reason):
    print("FAIL " + reason, flush=True)
    sys.exit(1)


async def maintain(client, timeout=0, to_device=False):
    """One sync plus the key housekeeping sync_forever would do; with to_device, also sends the
    queued to-device messages (verification needs them)."""
    response = await client.sync(timeout=timeout)
    if not isinstance(response, SyncResponse):
        fail("sync answered " + repr(response))
    if client.should_upload_keys:
        await client.keys_upload()
    if client.should_query_keys:
        await client.keys_query()
    if client.should_claim_keys:
        await client.keys_claim(client.get_users_for_key_claiming())
    if to_device:
        await client.send_to_device_messages()
    return response


async def login(client, password, device_name):
    """Logs in (a new device each time) and says so with the device id."""
    response = await client.login(password, device_name=device_name)
    if not isinstance(response, LoginResponse):
        fail("login answered " + repr(response))
    print("LOGGED_IN " + response.device_id, flush=True)
    await maintain(client)


async def join(client, room_id):
    joined = await client.join(room_id)
    if not isinstance(joined, JoinResponse):
        fail("join answered " + repr(joined))
