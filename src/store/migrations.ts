/**
 * The schema, as numbered steps applied in order and recorded in `schema_migrations`. A step that
 * has shipped never changes: a new need is a new step at the end, so every database, old or new,
 * ends up with the same tables. The two dialects differ in types (jsonb, bigint, boolean), hence
 * one list each; they must keep the same versions and the same meaning.
 */

export type Migration = { version: number; name: string; sql: string };

export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "requests and their events",
    sql: `
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        team_id TEXT,
        channel_id TEXT NOT NULL,
        requester_id TEXT NOT NULL,
        request TEXT NOT NULL CHECK (json_valid(request)),
        name_checked INTEGER NOT NULL CHECK (name_checked IN (0, 1)),
        card_ts TEXT,
        controls_ts TEXT,
        decided_by TEXT,
        decided_at INTEGER,
        reason TEXT,
        workspace_id TEXT,
        failure TEXT CHECK (failure IS NULL OR json_valid(failure)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX requests_state ON requests (state);
      CREATE TABLE request_events (
        request_id TEXT NOT NULL REFERENCES requests (id),
        seq INTEGER NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        note TEXT,
        PRIMARY KEY (request_id, seq)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: "requests by requester",
    sql: "CREATE INDEX requests_requester ON requests (requester_id, created_at);",
  },
  {
    version: 3,
    name: "the outbox, timers, leases and the form submission",
    sql: `
      ALTER TABLE requests ADD COLUMN view_id TEXT;
      ALTER TABLE requests ADD COLUMN reminded_at INTEGER;
      ALTER TABLE requests ADD COLUMN create_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE requests ADD COLUMN first_create_at INTEGER;
      ALTER TABLE requests ADD COLUMN last_create_at INTEGER;
      ALTER TABLE requests ADD COLUMN settle_at INTEGER;
      ALTER TABLE requests ADD COLUMN lease_owner TEXT;
      ALTER TABLE requests ADD COLUMN lease_until INTEGER;
      CREATE UNIQUE INDEX requests_view_id ON requests (view_id);
      CREATE INDEX requests_state_created ON requests (state, created_at);
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id TEXT NOT NULL REFERENCES requests (id),
        message TEXT NOT NULL CHECK (json_valid(message)),
        status TEXT NOT NULL DEFAULT 'waiting',
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        ts TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        done_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_waiting ON outbox (request_id, id) WHERE status = 'waiting';
      CREATE INDEX outbox_due ON outbox (due_at) WHERE status = 'waiting';
    `,
  },
  {
    version: 4,
    name: "who opened their overview, and when",
    sql: `
      CREATE TABLE overview_opened (
        user_id TEXT PRIMARY KEY,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX overview_opened_at ON overview_opened (at);
    `,
  },
];

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "requests and their events",
    sql: `
      CREATE TABLE requests (
        id text PRIMARY KEY,
        state text NOT NULL,
        team_id text,
        channel_id text NOT NULL,
        requester_id text NOT NULL,
        request jsonb NOT NULL,
        name_checked boolean NOT NULL,
        card_ts text,
        controls_ts text,
        decided_by text,
        decided_at bigint,
        reason text,
        workspace_id text,
        failure jsonb,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE INDEX requests_state ON requests (state);
      CREATE TABLE request_events (
        request_id text NOT NULL REFERENCES requests (id),
        seq integer NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor text NOT NULL,
        at bigint NOT NULL,
        note text,
        PRIMARY KEY (request_id, seq)
      );
    `,
  },
  {
    version: 2,
    name: "requests by requester",
    sql: "CREATE INDEX requests_requester ON requests (requester_id, created_at);",
  },
  {
    version: 3,
    name: "the outbox, timers, leases and the form submission",
    sql: `
      ALTER TABLE requests ADD COLUMN view_id text;
      ALTER TABLE requests ADD COLUMN reminded_at bigint;
      ALTER TABLE requests ADD COLUMN create_attempts integer NOT NULL DEFAULT 0;
      ALTER TABLE requests ADD COLUMN first_create_at bigint;
      ALTER TABLE requests ADD COLUMN last_create_at bigint;
      ALTER TABLE requests ADD COLUMN settle_at bigint;
      ALTER TABLE requests ADD COLUMN lease_owner text;
      ALTER TABLE requests ADD COLUMN lease_until bigint;
      CREATE UNIQUE INDEX requests_view_id ON requests (view_id);
      CREATE INDEX requests_state_created ON requests (state, created_at);
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        request_id text NOT NULL REFERENCES requests (id),
        message jsonb NOT NULL,
        status text NOT NULL DEFAULT 'waiting',
        attempts integer NOT NULL DEFAULT 0,
        due_at bigint NOT NULL,
        lease_owner text,
        lease_until bigint,
        ts text,
        last_error text,
        created_at bigint NOT NULL,
        done_at bigint
      );
      CREATE INDEX outbox_waiting ON outbox (request_id, id) WHERE status = 'waiting';
      CREATE INDEX outbox_due ON outbox (due_at) WHERE status = 'waiting';
    `,
  },
  {
    version: 4,
    name: "who opened their overview, and when",
    sql: `
      CREATE TABLE overview_opened (
        user_id text PRIMARY KEY,
        at bigint NOT NULL
      );
      CREATE INDEX overview_opened_at ON overview_opened (at);
    `,
  },
];
