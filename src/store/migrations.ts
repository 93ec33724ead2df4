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
];
