"""Walks matrix-nio through many client-server endpoints of the test homeserver.

nio checks every answer against its JSON schemas, so a response of the wrong shape comes back as
an error object. Arguments: base URL. Prints "OK <step>" per step and "TOUR DONE" at the end.
"""

import asyncio
import io
import sys

from nio import AsyncClient, ErrorResponse, SyncResponse

PASSWORD = "tour-password"


def check(response, step):
    if isinstance(response, tuple):
        response = response[0]
    if isinstance(response, ErrorResponse) or type(response).__name__.endswith("Error"):
        print("FAIL " + step + ": " + repr(response), flush=True)
        sys.exit(1)
    print("OK " + step, flush=True)
    return response


def expect(condition, step):
    if not condition:
        print("FAIL " + step, flush=True)
        sys.exit(1)
    print("OK " + step, flush=True)


async def tour(base_url):
    guide = AsyncClient(base_url, "@guide:localhost")
    guest = AsyncClient(base_url, "@visitor:localhost")
    try:
        check(await guide.discovery_info(), "discovery_info")
        info = check(await guide.login_info(), "login_info")
        expect("m.login.password" in info.flows, "password flow offered")
        check(await guide.register("guide", PASSWORD, "tour"), "register guide")
        check(await guest.register("visitor", PASSWORD, "tour"), "register visitor")
        check(await guide.whoami(), "whoami")
        check(await guide.set_displayname("The Guide"), "set_displayname")
        name = check(await guide.get_displayname(), "get_displayname")
        expect(name.displayname == "The Guide", "display name stored")
        check(await guide.get_profile(), "get_profile")
        check(await guide.set_presence("online", "touring"), "set_presence")
        presence = check(await guide.get_presence(guide.user_id), "get_presence")
        expect(presence.presence == "online", "presence stored")

        created = check(
            await guide.room_create(alias="tour", name="Tour", topic="first"), "room_create"
        )
        room = created.room_id
        resolved = check(await guide.room_resolve_alias("#tour:localhost"), "resolve alias")
        expect(resolved.room_id == room, "alias points at the room")
        check(await guide.room_put_alias("#tour2:localhost", room), "room_put_alias")
        check(await guide.room_delete_alias("#tour2:localhost"), "room_delete_alias")
        check(
            await guide.room_put_state(room, "m.room.topic", {"topic": "second"}),
            "room_put_state",
        )
        topic = check(await guide.room_get_state_event(room, "m.room.topic"), "get_state_event")
        expect(topic.content.get("topic") == "second", "topic stored")
        check(await guide.room_get_state(room), "room_get_state")

        first = check(
            await guide.room_send(room, "m.room.message", {"msgtype": "m.text", "body": "one"}),
            "room_send",
        )
        second = check(
            await guide.room_send(room, "m.room.message", {"msgtype": "m.text", "body": "two"}),
            "room_send again",
        )
        fetched = check(await guide.room_get_event(room, first.event_id), "room_get_event")
        expect(fetched.event.event_id == first.event_id, "fetched the right event")
        check(await guide.room_context(room, first.event_id, limit=4), "room_context")

        synced = await guide.sync(timeout=0, full_state=True)
        expect(isinstance(synced, SyncResponse), "sync")
        prev = synced.rooms.join[room].timeline.prev_batch
        messages = check(await guide.room_messages(room, synced.next_batch, limit=5), "messages")
        expect(len(messages.chunk) > 0, "messages has events")
        check(await guide.room_messages(room, prev, limit=5), "messages from prev_batch")
        check(await guide.joined_members(room), "joined_members")
        joined = check(await guide.joined_rooms(), "joined_rooms")
        expect(room in joined.rooms, "room listed as joined")
        check(await guide.room_typing(room, True, 10000), "room_typing")
        check(await guide.update_receipt_marker(room, second.event_id), "receipt")
        check(await guide.room_read_markers(room, second.event_id, second.event_id), "read markers")
        check(await guide.room_redact(room, first.event_id, reason="tour"), "room_redact")

        check(await guide.room_invite(room, guest.user_id), "room_invite")
        check(await guest.join(room), "join")
        check(await guide.room_kick(room, guest.user_id, reason="tour"), "room_kick")
        check(await guide.room_ban(room, guest.user_id, reason="tour"), "room_ban")
        check(await guide.room_unban(room, guest.user_id), "room_unban")

        check(await guide.content_repository_config(), "content_repository_config")
        payload = b"tour artifact"
        uploaded = check(
            await guide.upload(
                io.BytesIO(payload),
                content_type="text/plain",
                filename="tour.txt",
                filesize=len(payload),
            ),
            "upload",
        )
        downloaded = check(await guide.download(mxc=uploaded.content_uri), "download")
        expect(downloaded.body == payload, "downloaded bytes match")
        check(
            await guide.upload_filter(room={"timeline": {"limit": 5}}),
            "upload_filter",
        )

        devices = check(await guide.devices(), "devices")
        expect(any(d.id == guide.device_id for d in devices.devices), "own device listed")
        check(await guide.update_device(guide.device_id, {"display_name": "tour box"}), "update_device")
        extra = AsyncClient(base_url, "@guide:localhost")
        check(await extra.login(PASSWORD, device_name="spare"), "login spare device")
        challenge = await guide.delete_devices([extra.device_id])
        expect(type(challenge).__name__ == "DeleteDevicesAuthResponse", "delete asks for auth")
        auth = {
            "type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": "guide"},
            "password": PASSWORD,
            "session": challenge.session,
        }
        check(await guide.delete_devices([extra.device_id], auth), "delete_devices")
        await extra.close()

        check(await guide.room_leave(room), "room_leave")
        check(await guide.room_forget(room), "room_forget")
        check(await guide.logout(), "logout")
        print("TOUR DONE", flush=True)
    finally:
        await guide.close()
        await guest.close()


if __name__ == "__main__":
    asyncio.run(tour(sys.argv[1]))
