import type { StoreConfig } from "./store/open-store.js";

/**
 * The errors start-up meets most, told in terms of the setting that causes them: "EADDRINUSE" or
 * "unable to open database file" mean nothing to an admin, "PORT 3000 is in use" does. The
 * original error stays as `cause`; what is not recognised passes through unchanged.
 */

type Coded = { code?: unknown; errors?: unknown[]; message?: unknown };

/** The error's code; for a connection tried on several addresses, the first attempt's code. */
function codeOf(error: unknown): string {
  const e = error as Coded | undefined;
  const code = e?.code ?? (e?.errors?.[0] as Coded | undefined)?.code;
  return typeof code === "string" ? code : "";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function listenError(error: unknown, http: { host: string; port: number }): Error {
  const where = `port ${http.port} on ${http.host}`;
  const text: Record<string, string> = {
    EADDRINUSE: `PORT: ${where} is already in use by another program. Stop that program, or set PORT (or HOST) to a free port.`,
    EACCES: `PORT: this user may not listen on ${where} (ports below 1024 need extra rights). Set PORT to 1024 or above, e.g. 3000, and forward to it.`,
    EADDRNOTAVAIL: `HOST: ${http.host} is not an address of this machine. Set HOST to one of its addresses, or 0.0.0.0 for all.`,
    ENOTFOUND: `HOST: ${http.host} is not a known host name. Set HOST to an address of this machine, or 0.0.0.0 for all.`,
  };
  const known = text[codeOf(error)];
  return known ? new Error(known, { cause: error }) : (error as Error);
}

export function storeError(
  error: unknown,
  store: Pick<StoreConfig, "databaseUrl" | "dataDir">,
): Error {
  const code = codeOf(error);
  const message = messageOf(error);
  if (!store.databaseUrl) {
    const folder = `DATA_DIR (${store.dataDir})`;
    if (
      ["SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "EACCES", "EPERM", "EROFS"].includes(
        code,
      ) ||
      /unable to open database file|readonly database/i.test(message)
    ) {
      return new Error(
        `${folder}: the database file there cannot be opened for writing by this user (${code || message}). Make the folder writable for the user the app runs as (in Docker, a bind-mounted folder must be writable by uid 1000), or set DATA_DIR to a folder that is.`,
        { cause: error },
      );
    }
    if (["ENOTDIR", "EEXIST", "ENOENT"].includes(code)) {
      return new Error(
        `${folder}: the folder cannot be created there (${code}). Set DATA_DIR to a folder, or to a path where one can be created.`,
        { cause: error },
      );
    }
    return error as Error;
  }
  const server = serverOf(store.databaseUrl);
  const text: Record<string, string> = {
    ECONNREFUSED: `DATABASE_URL: nothing accepts connections at ${server}. Check that PostgreSQL runs there and listens on that address and port.`,
    ENOTFOUND: `DATABASE_URL: the host of ${server} is not known. Check the host name.`,
    EAI_AGAIN: `DATABASE_URL: the host of ${server} could not be looked up (DNS). Check the host name and this machine's DNS.`,
    ETIMEDOUT: `DATABASE_URL: ${server} did not answer in time. Check the address, and that a firewall lets this machine reach it.`,
    EHOSTUNREACH: `DATABASE_URL: ${server} cannot be reached from this machine. Check the address and the network.`,
    "28P01": `DATABASE_URL: PostgreSQL at ${server} refused the user name or password. Check both in the URL.`,
    "28000": `DATABASE_URL: PostgreSQL at ${server} does not let this user connect from here (pg_hba.conf). Ask its admin to allow it.`,
    "3D000": `DATABASE_URL: the database named in the URL does not exist on ${server}. Create it, or fix its name.`,
  };
  const known = text[code];
  if (known) return new Error(known, { cause: error });
  // pg's own wording for its connection timeout.
  if (/timeout/i.test(message) && /connect/i.test(message)) {
    return new Error(text.ETIMEDOUT, { cause: error });
  }
  return new Error(`DATABASE_URL: PostgreSQL at ${server} could not be used: ${message}`, {
    cause: error,
  });
}

/** host:port of a database URL, never its user or password. */
function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}`;
  } catch {
    return "the configured server";
  }
}
