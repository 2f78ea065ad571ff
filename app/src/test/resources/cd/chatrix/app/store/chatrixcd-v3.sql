-- A store as ChatrixCD wrote it at schema version 3 (commit ef93865, before storage moved to
-- cd.chatrix.app.store): every table filled through that build's own store classes, then dumped
-- with Python's sqlite3 iterdump. StoreUpgradeTest replays it and opens the result with today's
-- migrations. Never regenerate it: it stands for databases already out there.

CREATE TABLE audit_log (
  seq BIGINT NOT NULL PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  actor VARCHAR(255) NOT NULL,
  action VARCHAR(255) NOT NULL,
  room_id VARCHAR(255),
  project_id BIGINT,
  task_id BIGINT,
  outcome VARCHAR(64) NOT NULL,
  detail TEXT);
INSERT INTO "audit_log" VALUES(1,1795316645678,'@alice:example.org','run','!room:example.org',NULL,99,'started','Deploy');
CREATE TABLE bot_runs (
  project_id BIGINT NOT NULL,
  task_id BIGINT NOT NULL,
  room_id VARCHAR(255) NOT NULL,
  status_event_id VARCHAR(255) NOT NULL,
  requester VARCHAR(255),
  approver VARCHAR(255),
  project_name VARCHAR(500) NOT NULL,
  template_name VARCHAR(500) NOT NULL,
  template_id BIGINT NOT NULL,
  options TEXT NOT NULL,
  state VARCHAR(64) NOT NULL,
  requested_at_ms BIGINT NOT NULL,
  requested_at VARCHAR(64) NOT NULL,
  started_at VARCHAR(64),
  ended_at VARCHAR(64),
  failures_only BOOLEAN NOT NULL,
  streamed_rows INTEGER NOT NULL,
  PRIMARY KEY (project_id, task_id, room_id));
INSERT INTO "bot_runs" VALUES(4,99,'!room:example.org','$status-99','@alice:example.org','@carol:example.org','Infra','Deploy',12,'tags=web · dry-run','running',1795316400123,'2026-11-22T03:00:00.123456789Z','2026-11-22T03:00:00.123458289Z','2026-11-22T03:01:30.123456796Z',1,42);
INSERT INTO "bot_runs" VALUES(4,100,'!room:example.org','$status-100',NULL,NULL,'Project 4','Template',11,'','success',1795316700123,'2026-11-22T03:05:00.123456789Z',NULL,NULL,0,0);
CREATE TABLE crypto_account (id INTEGER PRIMARY KEY, pickle TEXT NOT NULL);
INSERT INTO "crypto_account" VALUES(1,'sealed-account-pickle');
CREATE TABLE crypto_devices (
  user_id VARCHAR(255) NOT NULL,
  device_id VARCHAR(255) NOT NULL,
  curve25519 VARCHAR(255) NOT NULL,
  ed25519 VARCHAR(255) NOT NULL,
  algorithms TEXT NOT NULL,
  display_name TEXT NOT NULL,
  local_trust VARCHAR(32) NOT NULL,
  cross_signed BOOLEAN NOT NULL,
  signed_json TEXT NOT NULL,
  PRIMARY KEY (user_id, device_id));
INSERT INTO "crypto_devices" VALUES('@alice:example.org','ALICEDEV','curveKeyA','edKeyA','["m.olm.v1.curve25519-aes-sha2"]','Alice''s phone','VERIFIED',1,'{"device_id":"ALICEDEV"}');
CREATE TABLE crypto_inbound_sessions (
  room_id VARCHAR(255) NOT NULL,
  session_id VARCHAR(255) NOT NULL,
  sender_key VARCHAR(255) NOT NULL,
  signing_key VARCHAR(255) NOT NULL,
  pickle TEXT NOT NULL,
  first_known_index INTEGER NOT NULL,
  forwarded BOOLEAN NOT NULL,
  backed_up BOOLEAN NOT NULL,
  PRIMARY KEY (room_id, session_id));
INSERT INTO "crypto_inbound_sessions" VALUES('!room:example.org','megolm-1','curveKeyA','edKeyA','sealed-inbound',3,0,0);
CREATE TABLE crypto_message_indexes (
  room_id VARCHAR(255) NOT NULL,
  session_id VARCHAR(255) NOT NULL,
  message_index INTEGER NOT NULL,
  event_id VARCHAR(255) NOT NULL,
  PRIMARY KEY (room_id, session_id, message_index));
INSERT INTO "crypto_message_indexes" VALUES('!room:example.org','megolm-1',3,'$decrypted');
CREATE TABLE crypto_olm_sessions (
  sender_key VARCHAR(255) NOT NULL,
  session_id VARCHAR(255) NOT NULL,
  pickle TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  last_used_at_ms BIGINT NOT NULL,
  PRIMARY KEY (sender_key, session_id));
INSERT INTO "crypto_olm_sessions" VALUES('curveKeyA','olm-1','sealed-olm',1000,2000);
CREATE TABLE crypto_outbound_sessions (
  room_id VARCHAR(255) PRIMARY KEY,
  session_id VARCHAR(255) NOT NULL,
  pickle TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  message_count INTEGER NOT NULL,
  shared_with TEXT NOT NULL,
  withheld_from TEXT NOT NULL);
INSERT INTO "crypto_outbound_sessions" VALUES('!room:example.org','megolm-out','sealed-outbound',5000,4,'["@alice:example.org|ALICEDEV"]','[]');
CREATE TABLE crypto_pending_events (
  room_id VARCHAR(255) NOT NULL,
  session_id VARCHAR(255) NOT NULL,
  event_id VARCHAR(255) NOT NULL,
  event_json TEXT NOT NULL,
  PRIMARY KEY (room_id, session_id, event_id));
INSERT INTO "crypto_pending_events" VALUES('!room:example.org','megolm-2','$waiting','{}');
CREATE TABLE crypto_requests (
  id VARCHAR(255) PRIMARY KEY,
  seq BIGINT NOT NULL,
  json TEXT NOT NULL);
INSERT INTO "crypto_requests" VALUES('req-1',1,'{"type":"keys_upload"}');
CREATE TABLE crypto_tracked_users (
  user_id VARCHAR(255) PRIMARY KEY,
  outdated BOOLEAN NOT NULL,
  seq BIGINT NOT NULL);
INSERT INTO "crypto_tracked_users" VALUES('@alice:example.org',0,1);
CREATE TABLE crypto_values (name VARCHAR(255) PRIMARY KEY, val TEXT NOT NULL);
INSERT INTO "crypto_values" VALUES('backup_version','7');
CREATE TABLE kv_entries (
  namespace VARCHAR(200) NOT NULL,
  entry_key VARCHAR(500) NOT NULL,
  entry_value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (namespace, entry_key));
INSERT INTO "kv_entries" VALUES('matrix.auth','session','{"homeserver":"https://matrix.example.org","user_id":"@bot:example.org","device_id":"BOTDEVICE","access_token":"syt_access_token_v3","refresh_token":"syr_refresh_token_v3","expires_at_ms":1796119200000,"renewal":{"kind":"matrix"}}',1796642635843);
INSERT INTO "kv_entries" VALUES('matrix.sync','since','s72_4_since',1796642635848);
INSERT INTO "kv_entries" VALUES('matrix.outbox','txn-7','{"seq":1,"room_id":"!room:example.org","path":"/_matrix/client/v3/rooms/!room:example.org/send/m.room.message/txn-7","body":"{\"msgtype\":\"m.notice\",\"body\":\"still sending\"}"}',1796642635852);
CREATE TABLE monitored_runs (
  project_id BIGINT NOT NULL,
  task_id BIGINT NOT NULL,
  room_id VARCHAR(255) NOT NULL,
  requester VARCHAR(255) NOT NULL,
  anchor_event_id VARCHAR(255),
  status VARCHAR(64) NOT NULL,
  started_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, task_id));
INSERT INTO "monitored_runs" VALUES(1,2,'!room:example.org','@alice:example.org',NULL,'running',0,0);
CREATE TABLE pending_confirmations (
  confirmation_id VARCHAR(255) NOT NULL PRIMARY KEY,
  room_id VARCHAR(255) NOT NULL,
  requester VARCHAR(255) NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL);
INSERT INTO "pending_confirmations" VALUES('confirm-1','!other:example.org','@bob:example.org','{"format":1,"command_event_id":"$cmd-full","prompt_event_id":"$prompt-full","created_at":"2026-11-22T03:00:00.123456789Z","expires_at":"2026-11-22T03:05:00.123456790Z","needs_approval":true,"requester_confirmed":true,"thread_root":"$thread-root","action":{"type":"run","project_id":3,"project_name":"Infra \"prod\"","template_name":"Deploy ⚙","request":{"template_id":7,"tags":["web","db"],"skip_tags":["slow"],"limit":["host-a","host-b"],"arguments":["--check","-e x=\"1 2\""],"branch":"release/1.2","environment":{"COUNT":"3","EMPTY":"","ENV":"prod"},"dry_run":true,"diff":true,"debug":true,"message":"deploy from chat ✓"}}}',1795316400123,1795316700123);
INSERT INTO "pending_confirmations" VALUES('confirm-2','!room:example.org','@alice:example.org','{"format":1,"command_event_id":"$cmd-confirm-2","prompt_event_id":"$prompt-confirm-2","created_at":"2026-11-22T03:02:00.123456789Z","expires_at":"2026-11-22T03:07:00.123456789Z","needs_approval":false,"requester_confirmed":false,"thread_root":null,"action":{"type":"exit"}}',1795316520123,1795316820123);
CREATE TABLE processed_events (
  event_id VARCHAR(255) NOT NULL PRIMARY KEY,
  room_id VARCHAR(255) NOT NULL,
  processed_at BIGINT NOT NULL);
INSERT INTO "processed_events" VALUES('$handled-event','',1796642635843);
CREATE TABLE room_settings (
  room_id VARCHAR(255) NOT NULL,
  setting VARCHAR(200) NOT NULL,
  setting_value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (room_id, setting));
INSERT INTO "room_settings" VALUES('!room:example.org','bot.log_streaming','true',1796642635944);
INSERT INTO "room_settings" VALUES('!room:example.org','bot.subscriptions','[{"project_id":4,"template_id":12,"failures_only":true}]',1796642635944);
CREATE TABLE schema_version (
  version INTEGER NOT NULL PRIMARY KEY,
  description VARCHAR(500) NOT NULL,
  applied_at BIGINT NOT NULL);
INSERT INTO "schema_version" VALUES(1,'key/value, processed events, confirmations, monitored runs, audit log, room settings, send transactions',1796642635567);
INSERT INTO "schema_version" VALUES(2,'bot runs: one row per task and room, kept after the task ends',1796642635573);
INSERT INTO "schema_version" VALUES(3,'crypto: Olm account, sessions, devices, outgoing requests and pending events',1796642635575);
CREATE TABLE send_transactions (
  txn_id VARCHAR(255) NOT NULL PRIMARY KEY,
  room_id VARCHAR(255) NOT NULL,
  created_at BIGINT NOT NULL,
  event_id VARCHAR(255));
INSERT INTO "send_transactions" VALUES('txn-dead','!room:example.org',0,NULL);
CREATE INDEX processed_events_by_time ON processed_events (processed_at);
CREATE INDEX audit_log_by_time ON audit_log (at_ms);
CREATE INDEX bot_runs_by_room ON bot_runs (room_id, requested_at_ms);
CREATE INDEX bot_runs_by_task ON bot_runs (task_id);
CREATE INDEX bot_runs_by_state ON bot_runs (state);
