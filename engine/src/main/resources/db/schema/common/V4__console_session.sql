-- Console sessions, in the database so that every server of a cluster sees them: a person signed
-- in through one server is signed in on all, and signing out through one ends it on all
-- (docs/cluster.md). `data` is Vert.x's serialized session (the signed-in user, the CSRF token) in
-- base64; `owner` the username, so that changing or deleting a user ends their sessions.
CREATE TABLE console_session (
    id         VARCHAR(128)     NOT NULL PRIMARY KEY,
    owner      VARCHAR(200),
    version    INT              NOT NULL,
    timeout_ms BIGINT           NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    data       VARCHAR(1000000) NOT NULL
);
CREATE INDEX console_session_by_owner ON console_session (owner);
CREATE INDEX console_session_by_expiry ON console_session (expires_at);
