-- Audit trail: who did what to which object, when and from where. Append-only: the service's
-- role has no UPDATE/DELETE/TRUNCATE on it, and a trigger refuses them even to the table's owner.

CREATE TABLE audit_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    actor_role  text NOT NULL,
    action      text NOT NULL,
    object_kind text NOT NULL,
    object_id   text,
    outcome     text NOT NULL CHECK (outcome IN ('done', 'refused')),
    status_code integer NOT NULL,
    ip          text
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_object ON audit_events (object_id, at);
CREATE INDEX audit_events_actor ON audit_events (actor, at);

REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
DO $$ BEGIN
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM %I', current_user);
END $$;

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
