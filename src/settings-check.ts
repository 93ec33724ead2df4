import { webApi } from "@slack/bolt";
import type { Config } from "./config.js";
import type { DataForestClient } from "./dataforest/client.js";
import { DataForestError } from "./dataforest/errors.js";
import { type Account, isUsableAccount } from "./dataforest/schemas.js";
import { TOKEN_REFUSALS } from "./slack/bot-identity.js";

/**
 * Start-up asks Slack and DataForest about the settings only they can judge: do the approvers
 * exist, is the user group there, is the account id one the keys can see. A definite "no" is a
 * problem that stops start-up with the fix; a service that cannot be asked (offline, a firewall, a
 * missing scope) gives a warning and start-up goes on.
 */

export type SettingsVerdict = { problems: string[]; warnings: string[] };

/** How long each check waits: an unreachable service must not hold start-up for long. */
export const CHECK_TIMEOUT_MS = 5000;

function slackCode(error: unknown): string | undefined {
  return error instanceof webApi.WebAPIPlatformError ? String(error.data.error) : undefined;
}

function reason(error: unknown): string {
  const code = slackCode(error);
  if (code) return code;
  const e = error as { code?: unknown; message?: unknown };
  return typeof e?.code === "string" ? e.code : String(e?.message ?? error);
}

async function checkApprover(
  slack: webApi.WebClient,
  id: string,
  verdict: SettingsVerdict,
): Promise<void> {
  try {
    const { user } = await slack.users.info({ user: id });
    if (user?.deleted) {
      verdict.problems.push(
        `APPROVER_USER_IDS has ${id}, a deactivated Slack account: remove it, or put in the member id of someone active`,
      );
    } else if (user?.is_bot) {
      verdict.problems.push(
        `APPROVER_USER_IDS has ${id}, which is a bot, not a person: put in the member ids of people (their profile → ⋮ → Copy member ID)`,
      );
    }
  } catch (error) {
    const code = slackCode(error);
    if (code === "user_not_found") {
      verdict.problems.push(
        `APPROVER_USER_IDS has ${id}, which Slack does not know in this workspace: copy the member id from the person's profile (⋮ → Copy member ID)`,
      );
    } else if (code === "missing_scope") {
      verdict.warnings.push(
        `could not check APPROVER_USER_IDS with Slack: the app lacks the users:read scope; add it from manifest.yml and reinstall the app`,
      );
    } else if (!code || !TOKEN_REFUSALS.has(code)) {
      verdict.warnings.push(
        `could not check APPROVER_USER_IDS (${id}) with Slack (${reason(error)}); starting anyway`,
      );
    }
  }
}

async function checkUsergroup(
  slack: webApi.WebClient,
  id: string,
  verdict: SettingsVerdict,
): Promise<void> {
  try {
    const { usergroups } = await slack.usergroups.list({
      include_disabled: true,
      include_count: true,
    });
    const group = usergroups?.find((g) => g.id === id);
    if (!group) {
      verdict.problems.push(
        `APPROVER_USERGROUP_ID is ${id}, a user group Slack does not know in this workspace: copy the id from the group's link (…/usergroups/S…), or ask your Slack admin`,
      );
    } else if (group.date_delete) {
      verdict.problems.push(
        `APPROVER_USERGROUP_ID is ${id}, a user group that is disabled in Slack: enable it again, or set another group`,
      );
    } else if (group.user_count === 0) {
      verdict.warnings.push(
        `APPROVER_USERGROUP_ID ${id} has no members yet: nobody in it can approve until someone is added`,
      );
    }
  } catch (error) {
    const code = slackCode(error);
    if (code === "missing_scope") {
      verdict.problems.push(
        "APPROVER_USERGROUP_ID is set, but the app lacks the usergroups:read scope it needs to see the group's members: add it from manifest.yml and reinstall the app",
      );
    } else if (code === "paid_teams_only" || code === "plan_upgrade_required") {
      verdict.problems.push(
        "APPROVER_USERGROUP_ID needs user groups, which this Slack plan does not have: list the approvers in APPROVER_USER_IDS instead",
      );
    } else if (!code || !TOKEN_REFUSALS.has(code)) {
      verdict.warnings.push(
        `could not check APPROVER_USERGROUP_ID with Slack (${reason(error)}); starting anyway`,
      );
    }
  }
}

async function checkAccount(
  dataforest: DataForestClient,
  accountId: string | undefined,
  verdict: SettingsVerdict,
): Promise<void> {
  let accounts: Account[];
  try {
    accounts = await dataforest.listAccounts({ timeoutMs: CHECK_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof DataForestError && error.kind === "auth_failed") {
      verdict.problems.push(
        "NCP_ACCESS_KEY / NCP_SECRET_KEY: DataForest refused the keys. Check both keys, that the access key is enabled and may use the API Gateway, and that this machine's clock is right (NCP refuses signatures more than 5 minutes off)",
      );
    } else {
      const what = accountId ? "DATAFOREST_ACCOUNT_ID and the NCP keys" : "the NCP keys";
      verdict.warnings.push(
        `could not check ${what} with DataForest (${error instanceof DataForestError ? error.kind : reason(error)}); starting anyway`,
      );
    }
    return;
  }
  if (!accountId) {
    if (accounts.length === 0) {
      verdict.warnings.push(
        "the NCP keys see no DataForest account, so the form will have none to offer: give the sub account access to one",
      );
    }
    return;
  }
  const account = accounts.find((a) => a.id === accountId);
  if (account) {
    if (!isUsableAccount(account)) {
      verdict.warnings.push(
        `DATAFOREST_ACCOUNT_ID ${accountId} is not usable now (status ${account.status ?? "unknown"}${account.disabled ? ", no resource permission for the keys" : ""}): creates will fail until it is`,
      );
    }
    return;
  }
  const byName = accounts.find((a) => a.name === accountId);
  if (byName) {
    verdict.problems.push(
      `DATAFOREST_ACCOUNT_ID is the name of an account, not its id: set DATAFOREST_ACCOUNT_ID=${byName.id}`,
    );
    return;
  }
  const known = accounts.map((a) => a.id).slice(0, 5);
  verdict.problems.push(
    `DATAFOREST_ACCOUNT_ID ${accountId} is not an account these NCP keys can see: run \`npm run accounts\` to list the ones they can${known.length > 0 ? ` (${known.join(", ")}${accounts.length > known.length ? ", …" : ""})` : ""}, or leave it empty to let people pick`,
  );
}

/** Runs every check at once; each bounded by CHECK_TIMEOUT_MS. */
export async function checkSettingsWithServices(deps: {
  config: Config;
  /** A client with no retries and a short timeout. */
  slack: webApi.WebClient;
  dataforest: DataForestClient | undefined;
}): Promise<SettingsVerdict> {
  const { config, slack, dataforest } = deps;
  const verdict: SettingsVerdict = { problems: [], warnings: [] };
  await Promise.all([
    ...config.approvers.userIds.map((id) => checkApprover(slack, id, verdict)),
    config.approvers.usergroupId
      ? checkUsergroup(slack, config.approvers.usergroupId, verdict)
      : undefined,
    dataforest ? checkAccount(dataforest, config.dataforest.accountId, verdict) : undefined,
  ]);
  return verdict;
}
