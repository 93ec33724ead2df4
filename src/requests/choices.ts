import type { DataForestClient } from "../dataforest/client.js";
import { IMAGE_PATTERN } from "../dataforest/create-request.js";
import { type ConfigurationAnswer, isUsableAccount } from "../dataforest/schemas.js";
import type { Logger } from "../log.js";

export type ImageGroup = { label: string; images: string[] };
export type Account = { id: string; name: string };
/** A workspace a new request can start from. */
export type WorkspaceChoice = { id: string; name: string };
/** A workspace's settings as DataForest reports them: any field may be missing. */
export type WorkspaceSettings = ConfigurationAnswer;

export type Choices = {
  /**
   * Answers at once from the cache, or undefined before the first load: the modal opens before
   * any remote call. An expired value is still answered while one refresh runs behind it.
   */
  cachedImages(): ImageGroup[] | undefined;
  cachedAccounts(): Account[] | undefined;
  images(): Promise<ImageGroup[]>;
  accounts(): Promise<Account[]>;
  cachedWorkspaces(accountId: string): WorkspaceChoice[] | undefined;
  /** The account's workspaces, to start a new request from one of them. */
  workspaces(accountId: string): Promise<WorkspaceChoice[]>;
  /** A workspace's latest settings, or undefined when DataForest has none for it. */
  settingsOf(workspaceId: string): Promise<ConfigurationAnswer | undefined>;
};

/** Workspaces change more often than images: a new one should be offered within a minute. */
const WORKSPACES_CACHE_MS = 60_000;

const frameworks = [
  { typeName: "tensorflow", label: "TensorFlow" },
  { typeName: "pytorch", label: "PyTorch" },
] as const;

/**
 * The software images and accounts the modal offers. They change rarely, so they are cached for a
 * while: most modals then open complete, without waiting on DataForest. However many commands come
 * while a value loads, DataForest gets one call; once a value expires, commands keep getting it
 * while one refresh runs, and a failed refresh is tried again only after `retryMs`.
 */
export function createChoices(options: {
  dataforest: DataForestClient | undefined;
  logger: Logger;
  cacheMs?: number;
  retryMs?: number;
  timeoutMs?: number;
  now?: () => number;
}): Choices {
  const { dataforest, logger } = options;
  const cacheMs = options.cacheMs ?? 10 * 60_000;
  const retryMs = options.retryMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;

  const cached = <T>(what: string, load: (client: DataForestClient) => Promise<T>) => {
    let entry: { value: T; at: number } | undefined;
    let loading: Promise<T> | undefined;
    let failedAt: number | undefined;
    const fresh = () => (entry && now() - entry.at < cacheMs ? entry.value : undefined);
    const reload = (client: DataForestClient): Promise<T> => {
      loading ??= load(client)
        .then(
          (value) => {
            entry = { value, at: now() };
            failedAt = undefined;
            return value;
          },
          (error: unknown) => {
            failedAt = now();
            logger.warn(`could not load ${what} from DataForest`, { error });
            throw error;
          },
        )
        .finally(() => {
          loading = undefined;
        });
      return loading;
    };
    /** Starts a refresh of an expired value, unless one runs or the last one failed just now. */
    const refreshBehind = () => {
      if (!dataforest || loading || (failedAt !== undefined && now() - failedAt < retryMs)) return;
      // Its failure is logged in reload; the stale value stays.
      reload(dataforest).catch(() => {});
    };
    return {
      peek(): T | undefined {
        if (entry && fresh() === undefined) refreshBehind();
        return entry?.value;
      },
      async get(): Promise<T> {
        const value = fresh();
        if (value !== undefined) return value;
        if (!dataforest) throw new Error("DataForest is not configured (dry run without keys)");
        if (entry) {
          refreshBehind();
          return entry.value;
        }
        return reload(dataforest);
      },
    };
  };

  const images = cached("the software images", async (client) => {
    const groups = await Promise.all(
      frameworks.map(async ({ typeName, label }) => {
        const references = await client.getDockerImageList(typeName, { timeoutMs });
        // Only images the create rules accept are offered, so a choice can never be refused.
        const list = references.filter((i) => IMAGE_PATTERN.test(i));
        if (list.length < references.length) {
          logger.warn("DataForest listed software images the create rules would refuse", {
            typeName,
            left: references.filter((i) => !IMAGE_PATTERN.test(i)),
          });
        }
        return { label, images: list.sort().reverse() };
      }),
    );
    return groups.filter((g) => g.images.length > 0);
  });

  const accounts = cached("the accounts", async (client) => {
    const all = await client.listAccounts({ timeoutMs });
    const usable = all.filter(isUsableAccount);
    if (usable.length < all.length) {
      logger.info("accounts not offered: disabled for the service account, or not running", {
        accounts: all
          .filter((a) => !isUsableAccount(a))
          .map((a) => ({ id: a.id, status: a.status, disabled: a.disabled })),
      });
    }
    // An account's name is optional in DataForest; its id then stands for it.
    return usable.map((a) => ({ id: a.id, name: a.name?.trim() || a.id }));
  });

  const logged =
    <T, A extends unknown[]>(what: string, get: (...args: A) => Promise<T>) =>
    async (...args: A) => {
      try {
        return await get(...args);
      } catch (error) {
        logger.warn(`could not load ${what} from DataForest`, { error });
        throw error;
      }
    };

  const workspaceLists = new Map<string, { value: WorkspaceChoice[]; at: number }>();
  const cachedWorkspaces = (accountId: string) => {
    const entry = workspaceLists.get(accountId);
    return entry && now() - entry.at < WORKSPACES_CACHE_MS ? entry.value : undefined;
  };
  const workspaces = async (accountId: string): Promise<WorkspaceChoice[]> => {
    const fresh = cachedWorkspaces(accountId);
    if (fresh) return fresh;
    if (!dataforest) throw new Error("DataForest is not configured (dry run without keys)");
    const list = (await dataforest.listWorkspaces(accountId, { timeoutMs }))
      .filter((w) => !w.disabled)
      .map((w) => ({ id: w.id, name: w.name?.trim() || w.id }));
    // Few accounts, so the map stays small; old entries are replaced, never piled up.
    workspaceLists.set(accountId, { value: list, at: now() });
    return list;
  };

  /** The newest configuration the list holds; getDetail's when the list has none. */
  const settingsOf = async (workspaceId: string) => {
    if (!dataforest) throw new Error("DataForest is not configured (dry run without keys)");
    // Times come as ISO text or epoch numbers; one without a time counts as the oldest.
    const at = (t: unknown) => (typeof t === "number" ? t : Date.parse(String(t ?? "")) || 0);
    const newest = (entries: { configuration: ConfigurationAnswer; modifiedAt?: unknown }[]) =>
      [...entries].sort((a, b) => at(b.modifiedAt) - at(a.modifiedAt))[0]?.configuration;
    const listed = newest(await dataforest.getConfigurationList(workspaceId, { timeoutMs }));
    if (listed) return listed;
    return newest((await dataforest.getDetail(workspaceId, { timeoutMs })).contents);
  };

  return {
    cachedImages: images.peek,
    cachedAccounts: accounts.peek,
    images: images.get,
    accounts: accounts.get,
    cachedWorkspaces,
    workspaces: logged("the account's workspaces", workspaces),
    settingsOf: logged("a workspace's settings", settingsOf),
  };
}
