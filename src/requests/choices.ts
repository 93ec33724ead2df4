import type { DataForestClient } from "../dataforest/client.js";
import { IMAGE_PATTERN } from "../dataforest/create-request.js";
import { isUsableAccount } from "../dataforest/schemas.js";
import type { Logger } from "../log.js";

export type ImageGroup = { label: string; images: string[] };
export type Account = { id: string; name: string };

export type Choices = {
  /** Answers at once from the cache, or undefined: the modal opens before any remote call. */
  cachedImages(): ImageGroup[] | undefined;
  cachedAccounts(): Account[] | undefined;
  images(): Promise<ImageGroup[]>;
  accounts(): Promise<Account[]>;
};

const frameworks = [
  { typeName: "tensorflow", label: "TensorFlow" },
  { typeName: "pytorch", label: "PyTorch" },
] as const;

/**
 * The software images and accounts the modal offers. They change rarely, so they are cached for a
 * while: most modals then open complete, without waiting on DataForest.
 */
export function createChoices(options: {
  dataforest: DataForestClient | undefined;
  logger: Logger;
  cacheMs?: number;
  timeoutMs?: number;
  now?: () => number;
}): Choices {
  const { dataforest, logger } = options;
  const cacheMs = options.cacheMs ?? 10 * 60_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;

  const cached = <T>(load: (client: DataForestClient) => Promise<T>) => {
    let entry: { value: T; at: number } | undefined;
    return {
      peek: () => (entry && now() - entry.at < cacheMs ? entry.value : undefined),
      async get(): Promise<T> {
        const fresh = entry && now() - entry.at < cacheMs ? entry.value : undefined;
        if (fresh !== undefined) return fresh;
        if (!dataforest) throw new Error("DataForest is not configured (dry run without keys)");
        const value = await load(dataforest);
        entry = { value, at: now() };
        return value;
      },
    };
  };

  const images = cached(async (client) => {
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

  const accounts = cached(async (client) => {
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
    <T>(what: string, get: () => Promise<T>) =>
    async () => {
      try {
        return await get();
      } catch (error) {
        logger.warn(`could not load ${what} from DataForest`, { error });
        throw error;
      }
    };

  return {
    cachedImages: images.peek,
    cachedAccounts: accounts.peek,
    images: logged("the software images", images.get),
    accounts: logged("the accounts", accounts.get),
  };
}
