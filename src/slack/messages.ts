import type { FailureKind } from "../requests/domain.js";
import type { BlockId, FormValues } from "./form.js";
import { clip, code, escapeText, mention, when } from "./mrkdwn.js";

/**
 * Every text people see in Slack, in one place, so a second language is a second catalog rather
 * than a hunt through the code. (The rules' own messages live beside the rules, in the create-request
 * schema and the form parsers.) Values a person typed are escaped before they get here or in here.
 */

export const COMMAND = "/aiworkspace";

export const help = [
  `*${COMMAND}* asks for an AI workspace (a GPU container on NAVER Cloud DataForest).`,
  "",
  `• Type \`${COMMAND}\` in a channel: a form opens. Give the workspace a name and pick a preset (what the workspace is for: a notebook, a training job…); the preset fills in the software and the size, and *More settings* lets you change them.`,
  "• When you send it, a request card appears in the channel. A team lead approves or rejects it in the card's thread; once approved, the workspace is created and its id is posted there.",
  "• The bot's *Home* tab (click AI Workspace in the sidebar) lists your requests and, for team leads, what waits for their approval, with the same buttons.",
  "",
  `\`${COMMAND} list\` shows your last requests; \`${COMMAND} help\` shows this text.`,
].join("\n");

export const unknownSubcommand = (text: string) =>
  `I don't know ${code(text)}. Type \`${COMMAND}\` on its own to ask for a workspace, \`${COMMAND} list\` to see your requests, or \`${COMMAND} help\` for help.`;

const loading = ":hourglass_flowing_sand: Loading the choices from DataForest…";

export const modal = {
  title: "AI workspace",
  submit: "Send for approval",
  close: "Cancel",
  intro:
    "Ask for an AI workspace: a container with GPUs for training and notebooks. A team lead approves it before it is created.",
  sections: {
    about: "*1. What it is*",
    software: "*2. Software*",
    size: "*3. Size*",
    data: "*4. Data and advanced settings* (optional)",
  },
  loading,
  imagesUnavailable:
    ":warning: The list of software could not be loaded right now, so type the image instead, for example `tensorflow:2.15.0-gpu`.",
  accountsLoading: `${loading} You can also type the account id (from the DataForest console).`,
  accountsUnavailable:
    ":warning: The list of DataForest accounts could not be loaded right now, so type the account id (from the DataForest console).",
  otherImage: "Other: type an image name",
  preset: (about: string) => `*What do you need?*\n${escapeText(about)}`,
  /** What the short form will ask for, so nobody sends it blind. */
  summary: (v: FormValues) => {
    const gpus = v["configuration.resource.gpuCount"] ?? "1";
    const size = [
      `${gpus} × ${v["configuration.resource.gpuModel"] ?? "GPU"} GPU${gpus === "1" ? "" : "s"}`,
      v["configuration.resource.cpuCount"] && `${v["configuration.resource.cpuCount"]} CPUs`,
      v["configuration.resource.memoryMb"] && `${v["configuration.resource.memoryMb"]} GB memory`,
    ]
      .filter(Boolean)
      .join(", ");
    const run = [v["configuration.docker.command"], v["configuration.docker.args"]]
      .filter(Boolean)
      .join(" ");
    return [
      `Software: ${code(v["configuration.docker.image"] ?? "?")} · Size: ${size}`,
      run ? `Starts with: ${code(clip(run, 200))}` : "",
      "To change any of it, open *More settings* below.",
    ]
      .filter(Boolean)
      .join("\n");
  },
  moreSettings: "More settings",
  workspacesLoading: `${loading} (your workspaces, to start from one of them)`,
  fromWorkspace:
    "*Or start from one of your workspaces*\nIts settings fill the form; give the new one a name.",
  fromWorkspacePlaceholder: "Choose a workspace",
  fromWorkspaceFailed:
    ":warning: The settings of that workspace could not be loaded from DataForest just now, so the form is as it was. Try again in a minute, or fill it in yourself.",
};

type FieldText = { label: string; hint: string; placeholder?: string };

export const fields: Record<BlockId, FieldText> = {
  name: {
    label: "Workspace name",
    hint: "1 to 15 lowercase letters, digits or single hyphens, starting with a letter. Example: team-a-ws1",
    placeholder: "team-a-ws1",
  },
  description: {
    label: "What is it for?",
    hint: "A few words for the team lead, up to 255 characters. Example: fine-tuning the support chatbot",
    placeholder: "fine-tuning the support chatbot",
  },
  accountId: {
    label: "DataForest account",
    hint: "The account the workspace belongs to and is billed to.",
  },
  "configuration.docker.image": {
    label: "Software (image)",
    hint: "The framework and version to run. Typed images look like name:version, for example tensorflow:2.15.0-gpu.",
    placeholder: "tensorflow:2.15.0-gpu",
  },
  "configuration.resource.gpuModel": {
    label: "GPU model",
    hint: "T4 suits most training and notebooks; V100 is faster for large models.",
  },
  "configuration.resource.gpuCount": {
    label: "Number of GPUs",
    hint: "Example: 1",
  },
  "configuration.resource.cpuCount": {
    label: "Number of CPUs",
    hint: "Example: 4",
  },
  "configuration.resource.memoryMb": {
    label: "Memory (GB)",
    hint: "Leave empty for DataForest's default. Example: 16",
  },
  "configuration.data.input": {
    label: "Data to read",
    hint: "One per line: HDFS path -> folder in the workspace. Example: /user/alice/data -> /data/input",
    placeholder: "/user/alice/data -> /data/input",
  },
  "configuration.data.output": {
    label: "Results to save",
    hint: "One per line: HDFS path -> folder in the workspace, add (overwrite) to replace old results. Example: /user/alice/out -> /data/output (overwrite)",
    placeholder: "/user/alice/out -> /data/output",
  },
  "configuration.docker.command": {
    label: "Command",
    hint: "What runs when the workspace starts. Example: jupyter",
  },
  "configuration.docker.args": {
    label: "Command arguments",
    hint: "Example: lab --port 8888",
  },
  "configuration.docker.workdir": {
    label: "Working folder",
    hint: "Example: /workspace",
  },
  "configuration.docker.env": {
    label: "Environment variables",
    hint: "One per line as NAME=value. Example: EPOCHS=10",
    placeholder: "EPOCHS=10",
  },
  "configuration.docker.exposeTcpPorts": {
    label: "Ports to open",
    hint: "Separated by commas or lines. Example: 8888, 6006",
    placeholder: "8888, 6006",
  },
  "configuration.queueName": {
    label: "Queue",
    hint: "The YARN queue that runs the workspace. Example: gpu",
  },
  "configuration.userPackageUri": {
    label: "Your package",
    hint: "HDFS path of a package to install. Example: /user/alice/packages/mylib.tar.gz",
  },
};

export const tooManyPending = (max: number, names: readonly string[]) =>
  `You already have ${max === 1 ? "a request" : `${max} requests`} waiting for a team lead: ${names.join(", ")}. You can send a new one once ${max === 1 ? "it is" : "one of them is"} approved or rejected.`;

export const nameTaken = (name: string) =>
  `The name ${name} is already used in this account. Choose another one, for example ${name.slice(0, 13)}-2.`;

export const nameNotAllowed = (name: string, apiMessage: string | undefined) =>
  `DataForest does not allow the name ${name}${apiMessage ? ` (it said: “${apiMessage}”)` : ""}. Choose another one: lowercase letters, digits and single hyphens, starting with a letter.`;

export const sentView = {
  title: "Sent for approval",
  close: "Done",
  posting: (channelId: string) =>
    `:hourglass_flowing_sand: Posting your request in <#${channelId}>… This note changes once it is there.`,
  refused: (channelId: string) =>
    `:warning: I could not post your request in <#${channelId}>. I sent you a direct message that says what to do.`,
  body: (channelId: string, nameChecked: boolean) =>
    [
      `:white_check_mark: Your request is in <#${channelId}>. You will be mentioned in its thread when a team lead decides.`,
      nameChecked
        ? ""
        : "DataForest did not answer in time to check the name, so it will be checked again when the request is approved.",
    ]
      .filter(Boolean)
      .join("\n\n"),
};

export const staleForm = {
  title: "Form out of date",
  close: "Close",
  body: `This form could not be read, so nothing was sent. Please run \`${COMMAND}\` again for a fresh form.`,
};

export const rejectModal = {
  title: "Reject request",
  submit: "Reject",
  close: "Back",
  intro: (name: string, requesterId: string) =>
    `You are rejecting ${code(name)}, asked by ${mention(requesterId)}. They will see your reason in the thread.`,
  label: "Reason (optional)",
  hint: "For example: please use 1 GPU for now",
};

export const card = {
  title: (name: string) => `*AI workspace request: ${code(name)}*`,
  fallback: (name: string, status: string) => `AI workspace request ${name}: ${status}`,
  requestedBy: (requesterId: string, description?: string) =>
    `Requested by ${mention(requesterId)}${description ? ` · for ${escapeText(description)}` : ""}`,
  software: "*Software*",
  size: "*Size*",
  data: "*Data*",
  env: "*Environment variables* (values hidden)",
  account: "*Account*",
  status: {
    pending: ":hourglass_flowing_sand: Waiting for approval",
    approved: (by: string) => `:gear: Approved by ${mention(by)}. Creating the workspace…`,
    creating: (by: string) => `:gear: Approved by ${mention(by)}. Creating the workspace…`,
    created: (id: string, by: string) =>
      `:white_check_mark: *Created* · id ${code(id)} · approved by ${mention(by)}`,
    dryRun: (by: string) =>
      `:test_tube: *Dry run* · approved by ${mention(by)}; nothing was created`,
    failed: (summary: string) => `:x: *Not created*: ${summary}`,
    rejected: (by: string, reason?: string | null) =>
      `:no_entry: *Rejected* by ${mention(by)}${reason ? `: ${escapeText(reason)}` : ""}`,
    expired: ":zzz: *Expired* before anyone decided",
    cancelled: (by: string | null) =>
      by
        ? `:heavy_multiplication_x: *Withdrawn* by ${mention(by)}`
        : ":heavy_multiplication_x: *Cancelled*",
  },
  moreLines: (n: number) => `…and ${n} more line${n === 1 ? "" : "s"}`,
};

export const size = (r: {
  gpuCount?: number | undefined;
  gpuModel?: string | undefined;
  cpuCount?: number | undefined;
  memoryMb?: number | undefined;
}) => {
  const parts = [
    r.gpuCount !== undefined ? `${r.gpuCount} × ${escapeText(r.gpuModel ?? "GPU")} GPU` : undefined,
    r.cpuCount !== undefined ? `${r.cpuCount} CPU${r.cpuCount === 1 ? "" : "s"}` : undefined,
    r.memoryMb !== undefined ? `${Math.round((r.memoryMb / 1024) * 10) / 10} GB memory` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "DataForest defaults";
};

export const controls = {
  ask: (approvers: string, requesterId: string) =>
    `${approvers || "Team leads"}, ${mention(requesterId)} asks for this workspace.`,
  noApprovers: "No approvers are set up, so nobody can approve this yet. Tell the bot's admin.",
  approve: "Approve",
  reject: "Reject",
  withdraw: "Withdraw",
  reminder: (approvers: string, requesterId: string) =>
    `${approvers || "Team leads"}, a reminder: ${mention(requesterId)} is still waiting for a decision on this workspace.`,
};

export const refusals = {
  not_found: "I can't find this request any more. Ask the requester to send it again.",
  not_approver:
    "Only the team leads set up as approvers can approve or reject requests. Nothing was changed.",
  approvers_unknown:
    "I could not check the approver group with Slack; try again in a minute. Nothing was changed.",
  own_request:
    "You asked for this workspace, so another team lead has to approve or reject it. Nothing was changed.",
  not_requester:
    "Only the person who asked for this workspace can withdraw it or post it again. Nothing was changed.",
  already_decided: (state: string, by: string | null, at: number | null) =>
    by && at
      ? `This request was already ${state} by ${mention(by)} ${when(at)}. Nothing was changed.`
      : `This request is already ${state}. Nothing was changed.`,
};

/** Why Edit and resubmit did not open, said to the person who clicked it. */
export const resubmitRefusals = {
  not_found: refusals.not_found,
  not_requester:
    "Only the person who asked for this workspace can edit and resubmit it, because the form holds their settings. If something should change, say so in this thread.",
  not_ended:
    "This request has not ended without a workspace, so there is nothing to resubmit. Its thread shows where it stands.",
  did_not_open: `Slack did not let me open the form in time. Click *Edit and resubmit* again; if it keeps failing, run \`${COMMAND}\` for a fresh form.`,
  too_big: `Your earlier settings no longer fit in Slack's form (Slack refused it), so it did not open. Run \`${COMMAND}\` and fill in a fresh form; the settings are still on the card and in this thread.`,
};

export const rejectFormDidNotOpen =
  "Slack did not let me open the form to reject this request, so nothing was changed. Click *Reject* again.";

export const outcome = {
  created: (requesterId: string, name: string, id: string, by: string) =>
    `${mention(requesterId)}, your workspace ${code(name)} is ready. Its id is ${code(id)}. Approved by ${mention(by)}.`,
  dryRun: (requesterId: string, name: string, by: string) =>
    `${mention(requesterId)}, ${mention(by)} approved ${code(name)}. *Dry run*: nothing was created. This is what would have been sent to DataForest, with the values of environment variables hidden:`,
  dryRunMore: (count: number) =>
    `…and ${count} more settings, too many to show here. They would have been sent as well.`,
  rejected: (requesterId: string, by: string, reason: string | null) =>
    `${mention(requesterId)}, ${mention(by)} rejected this request${reason ? `: “${escapeText(reason)}”` : "."}${reason ? "" : " Ask them in this thread if you are not sure why."}`,
  apiSaid: (message: string) => `DataForest said: ${code(message)}`,
  resubmit: "Edit and resubmit",
  expired: (requesterId: string) =>
    `${mention(requesterId)}, nobody approved or rejected this request in time, so it expired and nothing was created. Use *Edit and resubmit* to ask again.`,
  withdrawn: (by: string) =>
    `${mention(by)} withdrew this request, so nothing will be created. Use *Edit and resubmit* to ask again.`,
  checking:
    "DataForest did not answer clearly, so I can't tell yet whether the workspace was created. I am still checking and will post here as soon as I know; please don't resubmit until then.",
};

/** Direct messages to the requester when the channel would not take a message. */
export const direct = {
  cardRefused: (channelId: string, reason: string) => {
    const where = `<#${channelId}>`;
    switch (reason) {
      // A private channel the bot is not in is one Slack does not let it see at all.
      case "not_in_channel":
      case "channel_not_found":
        return `I could not post your request in ${where}: I am not a member of that channel. Invite me there (type \`/invite @AI Workspace\` in ${where}), then press *Post the card*. Your request is kept until then.`;
      case "is_archived":
        return `I could not post your request in ${where}: the channel is archived. Press *Withdraw*, then run \`${COMMAND}\` again in another channel.`;
      default:
        return `Slack refused to show your request in ${where} (${escapeText(reason)}). This is a problem on the bot's side: tell the bot's admin. Your request is kept; you can press *Withdraw* and try again later.`;
    }
  },
  repost: "Post the card",
  outcome: (channelId: string, text: string) =>
    `I could not post this in <#${channelId}>, so here it is:\n\n${text}`,
};

/** A failure explained: what happened, and whose move it is. */
export const failure = {
  invalid_parameter: (
    who: string,
    fieldLabel: string | undefined,
    value: string | undefined,
    explanation: string | undefined,
  ) =>
    `${who}, DataForest did not accept ${fieldLabel ? `the ${fieldLabel.toLowerCase()}` : "one of the settings"}${value ? ` ${code(value)}` : ""}, so nothing was created.${explanation ? ` ${explanation}` : ""} Use *Edit and resubmit* to fix it.`,
  name_taken: (who: string, name: string) =>
    `${who}, the name ${code(name)} was taken before the workspace could be created, so nothing was created. Use *Edit and resubmit* with another name.`,
  quota_exceeded: (who: string, approvers: string) =>
    `${who}, the workspace was not created: the DataForest account has reached its resource quota. ${approvers || "A team lead"}, free up resources (for example, delete unused workspaces) or ask the bot's admin to raise the quota; then the request can be resubmitted.`,
  auth_failed: (who: string) =>
    `${who}, the workspace was not created: DataForest refused the bot's keys. This is for the bot's admin to fix (the NCP keys or the server's clock); once fixed, use *Edit and resubmit*.`,
  permission_denied: (who: string) =>
    `${who}, the workspace was not created: the bot's service account is not allowed to create workspaces in this account. The bot's admin needs to grant it DataForest permissions; then use *Edit and resubmit*.`,
  throttled: (who: string) =>
    `${who}, the workspace was not created: DataForest is busy and asked the bot to slow down. Wait a few minutes, then use *Edit and resubmit*.`,
  call_quota: (who: string) =>
    `${who}, the workspace was not created: the bot has used up its DataForest API call quota. This is for the bot's admin (raise the quota in the NCP console); once done, use *Edit and resubmit*.`,
  unavailable: (who: string) =>
    `${who}, the workspace was not created: DataForest could not be reached or did not answer in time. Wait a few minutes, then use *Edit and resubmit*. If it keeps happening, tell the bot's admin.`,
  server_error: (who: string) =>
    `${who}, the workspace was not created: DataForest had a problem on its side. Wait a few minutes, then use *Edit and resubmit*. If it keeps happening, tell the bot's admin; the details are below.`,
  not_created: (who: string, dataForestHadAProblem: boolean) =>
    `${who}, ${dataForestHadAProblem ? "DataForest had a problem on its side" : "DataForest never answered clearly"} while creating. I kept looking for the workspace for several minutes and it never appeared, so nothing was created. Use *Edit and resubmit* to try again${dataForestHadAProblem ? "; if it keeps happening, tell the bot's admin" : ""}.`,
  rejected: (who: string) =>
    `${who}, DataForest refused the request, so nothing was created. Its reason is below: use *Edit and resubmit* to change the request, or ask the bot's admin if the reason is unclear.`,
  other: (who: string) =>
    `${who}, the workspace was not created: DataForest answered in a way the bot did not expect. Tell the bot's admin; the details are below. You can try *Edit and resubmit* later.`,
};

export const failureSummary: Record<FailureKind, string> = {
  invalid_parameter: "DataForest did not accept a setting",
  name_taken: "the name was taken",
  quota_exceeded: "resource quota reached",
  auth_failed: "the bot's keys were refused",
  permission_denied: "the bot is not allowed to create workspaces",
  throttled: "DataForest was busy",
  call_quota: "the bot's API call quota is used up",
  unavailable: "DataForest was not answering",
  server_error: "DataForest had a problem",
  not_created: "no clear answer; looked for it, nothing was created",
  rejected: "DataForest refused the request",
  bad_answer: "DataForest's answer was not understood",
  internal: "something failed on the bot's side",
};

export const formDidNotOpen = (command: string) =>
  `Slack did not let me open the form in time, so nothing happened. Please run \`${command}\` again.`;

/** After a click or a form was taken in: part of what it asked for may have happened. */
export const somethingFailed =
  "Something went wrong on the bot's side while handling that. Check the request's thread for where it stands before trying again; if it looks stuck, tell the bot's admin.";

export const genericError =
  "Something went wrong on the bot's side and nothing was changed. Please try again in a minute; if it keeps happening, tell the bot's admin.";

/** App Home: a person's requests and, for approvers, what waits for them. */
export const home = {
  title: "AI workspaces",
  intro: `Type \`${COMMAND}\` in a channel to ask for an AI workspace, or \`${COMMAND} help\` to learn how it works.`,
  waitingTitle: (count: number) => `Waiting for your approval (${count})`,
  noneWaiting: "Nothing is waiting for your approval.",
  waitingItem: (r: { name: string; requesterId: string; createdAt: number; channelId: string }) =>
    `*${code(r.name)}* · asked by ${mention(r.requesterId)} ${when(r.createdAt)} in <#${r.channelId}>`,
  details: (image: string, size: string) => `Software: ${image} · Size: ${size}`,
  mineTitle: "Your recent requests",
  noneMine: `You have not asked for a workspace yet. Type \`${COMMAND}\` in a channel to start.`,
  mineItem: (r: { name: string; createdAt: number; channelId: string }) =>
    `*${code(r.name)}* · asked ${when(r.createdAt)} in <#${r.channelId}>`,
  notPosted: "Not in its channel yet: check your direct messages from AI Workspace for what to do.",
  thread: "Open the thread",
  more: (count: number) => `…and ${count} more. Open the channels' threads to see them.`,
};

/** `/aiworkspace list`: the caller's last requests. */
export const list = {
  title: (count: number) => `*Your last ${count === 1 ? "request" : `${count} requests`}*`,
  none: `You have no requests yet. Type \`${COMMAND}\` in a channel to ask for a workspace.`,
  item: (r: { name: string; createdAt: number; channelId: string }, status: string) =>
    `• ${code(r.name)} · ${when(r.createdAt)} in <#${r.channelId}> · ${status}`,
  footer: "The bot's Home tab shows the same list with links to the threads.",
};

/** A command typed in a direct message or a group DM, where no approver would see the request. */
export const channelPrompt = {
  ask: "Requests are posted in a channel, where a team lead approves them, so they can't be made in a direct message. Which channel should yours go to? The form opens once you choose.",
  placeholder: "Choose a channel",
  hint: "Choose a channel AI Workspace is in. If it is not there yet, type `/invite @AI Workspace` in that channel first.",
};
