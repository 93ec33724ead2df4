/**
 * Every text people read in Slack, in English. `{name}` marks a value filled in at run time; values
 * a person typed arrive already escaped for mrkdwn. ja.ts has the same keys with the same
 * placeholders (test/slack/i18n.test.ts keeps them in step).
 */
export const en = {
  help: "*{command}* asks for an AI workspace (a GPU container on NAVER Cloud DataForest).\n\n• Type `{command}` in a channel: a form opens. Give the workspace a name and pick a preset (what the workspace is for: a notebook, a training job…); the preset fills in the software and the size, and *More settings* lets you change them.\n• When you send it, a request card appears in the channel. A team lead approves or rejects it in the card's thread; once approved, the workspace is created and its id is posted there.\n• The bot's *Home* tab (click AI Workspace in the sidebar) lists your requests and, for team leads, what waits for their approval, with the same buttons.\n\n`{command} list` shows your last requests; `{command} help` shows this text.",
  "command.unknown":
    "I don't know {text}. Type `{command}` on its own to ask for a workspace, `{command} list` to see your requests, or `{command} help` for help.",
  "command.formDidNotOpen":
    "Slack did not let me open the form in time, so nothing happened. Please run `{command}` again.",
  somethingFailed:
    "Something went wrong on the bot's side while handling that. Check the request's thread for where it stands before trying again; if it looks stuck, tell the bot's admin.",
  genericError:
    "Something went wrong on the bot's side and nothing was changed. Please try again in a minute; if it keeps happening, tell the bot's admin.",

  "modal.title": "AI workspace",
  "modal.submit": "Send for approval",
  "modal.close": "Cancel",
  "modal.intro":
    "Ask for an AI workspace: a container with GPUs for training and notebooks. A team lead approves it before it is created.",
  "modal.section.about": "*1. What it is*",
  "modal.section.software": "*2. Software*",
  "modal.section.size": "*3. Size*",
  "modal.section.data": "*4. Data and advanced settings* (optional)",
  "modal.loading": ":hourglass_flowing_sand: Loading the choices from DataForest…",
  "modal.imagesUnavailable":
    ":warning: The list of software could not be loaded right now, so type the image instead, for example `tensorflow:2.15.0-gpu`.",
  "modal.accountsLoading":
    ":hourglass_flowing_sand: Loading the choices from DataForest… You can also type the account id (from the DataForest console).",
  "modal.accountsUnavailable":
    ":warning: The list of DataForest accounts could not be loaded right now, so type the account id (from the DataForest console).",
  "modal.otherGroup": "Other",
  "modal.otherImage": "Other: type an image name",
  "modal.chooseImage": "Choose the software",
  "modal.chooseAccount": "Choose the account",
  "modal.preset": "*What do you need?*\n{about}",
  "modal.summary": "Software: {image} · Size: {size}",
  "modal.summary.starts": "Starts with: {run}",
  "modal.summary.change": "To change any of it, open *More settings* below.",
  "modal.moreSettings": "More settings",
  "modal.workspacesLoading":
    ":hourglass_flowing_sand: Loading the choices from DataForest… (your workspaces, to start from one of them)",
  "modal.fromWorkspace":
    "*Or start from one of your workspaces*\nIts settings fill the form; give the new one a name.",
  "modal.fromWorkspacePlaceholder": "Choose a workspace",
  "modal.envValuesNotCopied":
    ":lock: The environment variables' names were copied, but not their values: they may be someone's keys. Type each value after its `=` under *Environment variables*.",
  "modal.fromWorkspaceFailed":
    ":warning: The settings of that workspace could not be loaded from DataForest just now, so the form is as it was. Try again in a minute, or fill it in yourself.",

  "field.name.label": "Workspace name",
  "field.name.hint":
    "1 to 15 lowercase letters, digits or single hyphens, starting with a letter. Example: team-a-ws1",
  "field.name.placeholder": "team-a-ws1",
  "field.description.label": "What is it for?",
  "field.description.hint":
    "A few words for the team lead, up to 255 characters. Example: fine-tuning the support chatbot",
  "field.description.placeholder": "fine-tuning the support chatbot",
  "field.accountId.label": "DataForest account",
  "field.accountId.hint": "The account the workspace belongs to and is billed to.",
  "field.accountId.placeholder": "",
  "field.configuration.docker.image.label": "Software (image)",
  "field.configuration.docker.image.hint":
    "The framework and version to run. Typed images look like name:version, for example tensorflow:2.15.0-gpu.",
  "field.configuration.docker.image.placeholder": "tensorflow:2.15.0-gpu",
  "field.configuration.resource.gpuModel.label": "GPU model",
  "field.configuration.resource.gpuModel.hint":
    "T4 suits most training and notebooks; V100 is faster for large models.",
  "field.configuration.resource.gpuModel.placeholder": "",
  "field.configuration.resource.gpuCount.label": "Number of GPUs",
  "field.configuration.resource.gpuCount.hint": "Example: 1",
  "field.configuration.resource.gpuCount.placeholder": "",
  "field.configuration.resource.cpuCount.label": "Number of CPUs",
  "field.configuration.resource.cpuCount.hint": "Example: 4",
  "field.configuration.resource.cpuCount.placeholder": "",
  "field.configuration.resource.memoryMb.label": "Memory (GB)",
  "field.configuration.resource.memoryMb.hint": "Leave empty for DataForest's default. Example: 16",
  "field.configuration.resource.memoryMb.placeholder": "",
  "field.configuration.data.input.label": "Data to read",
  "field.configuration.data.input.hint":
    "One per line: HDFS path -> folder in the workspace. Example: /user/alice/data -> /data/input",
  "field.configuration.data.input.placeholder": "/user/alice/data -> /data/input",
  "field.configuration.data.output.label": "Results to save",
  "field.configuration.data.output.hint":
    "One per line: HDFS path -> folder in the workspace, add (overwrite) to replace old results. Example: /user/alice/out -> /data/output (overwrite)",
  "field.configuration.data.output.placeholder": "/user/alice/out -> /data/output",
  "field.configuration.docker.command.label": "Command",
  "field.configuration.docker.command.hint":
    "What runs when the workspace starts. Example: jupyter",
  "field.configuration.docker.command.placeholder": "",
  "field.configuration.docker.args.label": "Command arguments",
  "field.configuration.docker.args.hint": "Example: lab --port 8888",
  "field.configuration.docker.args.placeholder": "",
  "field.configuration.docker.workdir.label": "Working folder",
  "field.configuration.docker.workdir.hint": "Example: /workspace",
  "field.configuration.docker.workdir.placeholder": "",
  "field.configuration.docker.env.label": "Environment variables",
  "field.configuration.docker.env.hint": "One per line as NAME=value. Example: EPOCHS=10",
  "field.configuration.docker.env.placeholder": "EPOCHS=10",
  "field.configuration.docker.exposeTcpPorts.label": "Ports to open",
  "field.configuration.docker.exposeTcpPorts.hint":
    "Separated by commas or lines. Example: 8888, 6006",
  "field.configuration.docker.exposeTcpPorts.placeholder": "8888, 6006",
  "field.configuration.queueName.label": "Queue",
  "field.configuration.queueName.hint": "The YARN queue that runs the workspace. Example: gpu",
  "field.configuration.queueName.placeholder": "",
  "field.configuration.userPackageUri.label": "Your package",
  "field.configuration.userPackageUri.hint":
    "HDFS path of a package to install. Example: /user/alice/packages/mylib.tar.gz",
  "field.configuration.userPackageUri.placeholder": "",

  "hint.limit.gpuCount": "From 1 to {max}.",
  "hint.limit.cpuCount": "From 1 to {max}.",
  "hint.limit.memoryGb": "In GB, whole numbers up to {max}.",

  "form.tooManyPending.one":
    "You already have a request waiting for a team lead: {names}. You can send a new one once it is approved or rejected.",
  "form.tooManyPending.other":
    "You already have {max} requests waiting for a team lead: {names}. You can send a new one once one of them is approved or rejected.",
  "form.nameTaken":
    "The name {name} is already used in this account. Choose another one, for example {suggestion}.",
  "form.nameNotAllowed":
    "DataForest does not allow the name {name}. Choose another one: lowercase letters, digits and single hyphens, starting with a letter.",
  "form.nameNotAllowedSaid":
    "DataForest does not allow the name {name} (it said: “{message}”). Choose another one: lowercase letters, digits and single hyphens, starting with a letter.",

  "sent.title": "Sent for approval",
  "sent.close": "Done",
  "sent.posting":
    ":hourglass_flowing_sand: Posting your request in {channel}… This note changes once it is there.",
  "sent.refused":
    ":warning: I could not post your request in {channel}. I sent you a direct message that says what to do.",
  "sent.body":
    ":white_check_mark: Your request is in {channel}. You will be mentioned in its thread when a team lead decides.",
  "sent.nameUnchecked":
    "DataForest did not answer in time to check the name, so it will be checked again when the request is approved.",

  "stale.title": "Form out of date",
  "stale.close": "Close",
  "stale.body":
    "This form could not be read, so nothing was sent. Please run `{command}` again for a fresh form.",

  "reject.title": "Reject request",
  "reject.submit": "Reject",
  "reject.close": "Back",
  "reject.intro":
    "You are rejecting {name}, asked by {requester}. They will see your reason in the thread.",
  "reject.label": "Reason (optional)",
  "reject.hint": "For example: please use 1 GPU for now",

  "card.title": "*AI workspace request: {name}*",
  "card.fallback": "AI workspace request {name}: {status}",
  "card.requestedBy": "Requested by {requester}",
  "card.requestedByFor": "Requested by {requester} · for {description}",
  "card.software": "*Software*",
  "card.size": "*Size*",
  "card.data": "*Data*",
  "card.env": "*Environment variables* (values hidden)",
  "card.account": "*Account*",
  "card.overwrite": "(overwrite)",
  "card.status.pending": ":hourglass_flowing_sand: Waiting for approval",
  "card.status.approved": ":gear: Approved by {by}. Creating the workspace…",
  "card.status.created": ":white_check_mark: *Created* · id {id} · approved by {by}",
  "card.status.dryRun": ":test_tube: *Dry run* · approved by {by}; nothing was created",
  "card.status.failed": ":x: *Not created*: {summary}",
  "card.status.rejected": ":no_entry: *Rejected* by {by}",
  "card.status.rejectedBecause": ":no_entry: *Rejected* by {by}: {reason}",
  "card.status.expired": ":zzz: *Expired* before anyone decided",
  "card.status.cancelled": ":heavy_multiplication_x: *Cancelled*",
  "card.status.withdrawn": ":heavy_multiplication_x: *Withdrawn* by {by}",
  "card.moreLines.one": "…and 1 more line",
  "card.moreLines.other": "…and {count} more lines",

  "size.gpu": "{count} × {model} GPU",
  "size.gpuDefaultModel": "GPU",
  "size.cpu.one": "{count} CPU",
  "size.cpu.other": "{count} CPUs",
  "size.memory": "{gb} GB memory",
  "size.separator": ", ",
  "size.defaults": "DataForest defaults",

  "controls.ask": "{approvers}, {requester} asks for this workspace.",
  "controls.noApprovers":
    "No approvers are set up, so nobody can approve this yet. Tell the bot's admin.",
  "controls.approve": "Approve",
  "controls.reject": "Reject",
  "controls.withdraw": "Withdraw",
  "controls.reminder":
    "{approvers}, a reminder: {requester} is still waiting for a decision on this workspace.",
  "controls.reminder.noApprovers":
    "Team leads, a reminder: {requester} is still waiting for a decision on this workspace.",

  "refusal.not_found": "I can't find this request any more. Ask the requester to send it again.",
  "refusal.not_approver":
    "Only the team leads set up as approvers can approve or reject requests. Nothing was changed.",
  "refusal.approvers_unknown":
    "I could not check the approver group with Slack; try again in a minute. Nothing was changed.",
  "refusal.own_request":
    "You asked for this workspace, so another team lead has to approve or reject it. Nothing was changed.",
  "refusal.not_requester":
    "Only the person who asked for this workspace can withdraw it or post it again. Nothing was changed.",
  "refusal.alreadyDecidedBy":
    "This request was already {state} by {by} {when}. Nothing was changed.",
  "refusal.alreadyDecided": "This request is already {state}. Nothing was changed.",
  "refusal.already_posted":
    "The card for this request is already in {channel}, where the team leads can decide. Nothing was changed.",
  "resubmit.not_requester":
    "Only the person who asked for this workspace can edit and resubmit it, because the form holds their settings. If something should change, say so in this thread.",
  "resubmit.not_ended":
    "This request has not ended without a workspace, so there is nothing to resubmit. Its thread shows where it stands.",
  "resubmit.did_not_open":
    "Slack did not let me open the form in time. Click *Edit and resubmit* again; if it keeps failing, run `{command}` for a fresh form.",
  "resubmit.too_big":
    "Your earlier settings no longer fit in Slack's form (Slack refused it), so it did not open. Run `{command}` and fill in a fresh form; the settings are still on the card and in this thread.",
  "reject.didNotOpen":
    "Slack did not let me open the form to reject this request, so nothing was changed. Click *Reject* again.",

  "state.pending": "pending",
  "state.approved": "approved",
  "state.rejected": "rejected",
  "state.expired": "expired",
  "state.withdrawn": "withdrawn",
  "state.decided": "decided",

  "outcome.created":
    "{requester}, your workspace {name} is ready. Its id is {id}. Approved by {by}.",
  "outcome.dryRun":
    "{requester}, {by} approved {name}. *Dry run*: nothing was created. This is what would have been sent to DataForest, with the values of environment variables hidden:",
  "outcome.dryRunMore":
    "…and {count} more settings, too many to show here. They would have been sent as well.",
  "outcome.rejected":
    "{requester}, {by} rejected this request. Ask them in this thread if you are not sure why.",
  "outcome.rejectedBecause": "{requester}, {by} rejected this request: “{reason}”",
  "outcome.expired":
    "{requester}, nobody approved or rejected this request in time, so it expired and nothing was created. Use *Edit and resubmit* to ask again.",
  "outcome.withdrawn":
    "{by} withdrew this request, so nothing will be created. Use *Edit and resubmit* to ask again.",
  "outcome.apiSaid": "DataForest said: {message}",
  "outcome.resubmit": "Edit and resubmit",
  "outcome.checking":
    "DataForest did not answer clearly, so I can't tell yet whether the workspace was created. I am still checking and will post here as soon as I know; please don't resubmit until then.",

  "direct.cardRefused.notMember":
    "I could not post your request in {channel}: I am not a member of that channel. Invite me there (type `/invite @AI Workspace` in {channel}), then press *Post the card*. Your request is kept until then.",
  "direct.cardRefused.archived":
    "I could not post your request in {channel}: the channel is archived. Press *Withdraw*, then run `{command}` again in another channel.",
  "direct.cardRefused.other":
    "Slack refused to show your request in {channel} ({reason}). This is a problem on the bot's side: tell the bot's admin. Your request is kept; you can press *Withdraw* and try again later.",
  "direct.repost": "Post the card",
  "direct.outcome": "I could not post this in {channel}, so here it is:\n\n{text}",

  "failure.invalid_parameter.fieldValue":
    "{who}, DataForest did not accept the {field} {value}, so nothing was created.",
  "failure.invalid_parameter.field":
    "{who}, DataForest did not accept the {field}, so nothing was created.",
  "failure.invalid_parameter.request":
    "{who}, DataForest did not accept one of the settings, so nothing was created.",
  "failure.invalid_parameter.fix": "Use *Edit and resubmit* to fix it.",
  "sentence.separator": " ",
  "failure.name_taken":
    "{who}, the name {name} was taken before the workspace could be created, so nothing was created. Use *Edit and resubmit* with another name.",
  "failure.quota_exceeded":
    "{who}, the workspace was not created: the DataForest account has reached its resource quota. {approvers}, free up resources (for example, delete unused workspaces) or ask the bot's admin to raise the quota; then the request can be resubmitted.",
  "failure.quota_exceeded.noApprovers":
    "{who}, the workspace was not created: the DataForest account has reached its resource quota. A team lead, free up resources (for example, delete unused workspaces) or ask the bot's admin to raise the quota; then the request can be resubmitted.",
  "failure.auth_failed":
    "{who}, the workspace was not created: DataForest refused the bot's keys. This is for the bot's admin to fix (the NCP keys or the server's clock); once fixed, use *Edit and resubmit*.",
  "failure.permission_denied":
    "{who}, the workspace was not created: the bot's service account is not allowed to create workspaces in this account. The bot's admin needs to grant it DataForest permissions; then use *Edit and resubmit*.",
  "failure.throttled":
    "{who}, the workspace was not created: DataForest is busy and asked the bot to slow down. Wait a few minutes, then use *Edit and resubmit*.",
  "failure.call_quota":
    "{who}, the workspace was not created: the bot has used up its DataForest API call quota. This is for the bot's admin (raise the quota in the NCP console); once done, use *Edit and resubmit*.",
  "failure.unavailable":
    "{who}, the workspace was not created: DataForest could not be reached or did not answer in time. Wait a few minutes, then use *Edit and resubmit*. If it keeps happening, tell the bot's admin.",
  "failure.server_error":
    "{who}, the workspace was not created: DataForest had a problem on its side. Wait a few minutes, then use *Edit and resubmit*. If it keeps happening, tell the bot's admin; the details are below.",
  "failure.not_created":
    "{who}, DataForest never answered clearly while creating. I kept looking for the workspace for several minutes and it never appeared, so nothing was created. Use *Edit and resubmit* to try again.",
  "failure.not_created.serverError":
    "{who}, DataForest had a problem on its side while creating. I kept looking for the workspace for several minutes and it never appeared, so nothing was created. Use *Edit and resubmit* to try again; if it keeps happening, tell the bot's admin.",
  "failure.rejected":
    "{who}, DataForest refused the request, so nothing was created. Its reason is below: use *Edit and resubmit* to change the request, or ask the bot's admin if the reason is unclear.",
  "failure.other":
    "{who}, the workspace was not created: DataForest answered in a way the bot did not expect. Tell the bot's admin; the details are below. You can try *Edit and resubmit* later.",

  "failureSummary.invalid_parameter": "DataForest did not accept a setting",
  "failureSummary.name_taken": "the name was taken",
  "failureSummary.quota_exceeded": "resource quota reached",
  "failureSummary.auth_failed": "the bot's keys were refused",
  "failureSummary.permission_denied": "the bot is not allowed to create workspaces",
  "failureSummary.throttled": "DataForest was busy",
  "failureSummary.call_quota": "the bot's API call quota is used up",
  "failureSummary.unavailable": "DataForest was not answering",
  "failureSummary.server_error": "DataForest had a problem",
  "failureSummary.not_created": "no clear answer; looked for it, nothing was created",
  "failureSummary.rejected": "DataForest refused the request",
  "failureSummary.bad_answer": "DataForest's answer was not understood",
  "failureSummary.internal": "something failed on the bot's side",

  "quote.char": '"{char}"',
  "quote.separator": ", ",
  "quote.andOthers": "{listed} and others",

  "channelPrompt.ask":
    "Requests are posted in a channel, where a team lead approves them, so they can't be made in a direct message. Which channel should yours go to? The form opens once you choose.",
  "channelPrompt.placeholder": "Choose a channel",
  "channelPrompt.hint":
    "Choose a channel AI Workspace is in. If it is not there yet, type `/invite @AI Workspace` in that channel first.",

  "home.title": "AI workspaces",
  "home.intro":
    "Type `{command}` in a channel to ask for an AI workspace, or `{command} help` to learn how it works.",
  "home.waitingTitle": "Waiting for your approval ({count})",
  "home.noneWaiting": "Nothing is waiting for your approval.",
  "home.waitingItem": "*{name}* · asked by {requester} {when} in {channel}",
  "home.details": "Software: {image} · Size: {size}",
  "home.mineTitle": "Your recent requests",
  "home.noneMine":
    "You have not asked for a workspace yet. Type `{command}` in a channel to start.",
  "home.mineItem": "*{name}* · asked {when} in {channel}",
  "home.notPosted":
    "Not in its channel yet: check your direct messages from AI Workspace for what to do.",
  "home.thread": "Open the thread",
  "home.more": "…and {count} more. Open the channels' threads to see them.",

  "list.title.one": "*Your last request*",
  "list.title.other": "*Your last {count} requests*",
  "list.none": "You have no requests yet. Type `{command}` in a channel to ask for a workspace.",
  "list.item": "• {name} · {when} in {channel} · {status}",
  "list.footer": "The bot's Home tab shows the same list with links to the threads.",

  "problem.line": "Line {line}: {text}",
  "problem.inField": "{field}: {text}",
  "problem.invalid": "This value is not valid here. Check it and try again.",
  "problem.form.gpus.decimal":
    "Give a whole number of GPUs, without a decimal point, for example {example}.",
  "problem.form.gpus.digits": "Give the number of GPUs in plain digits, for example {example}.",
  "problem.form.cpus.decimal":
    "Give a whole number of CPUs, without a decimal point, for example {example}.",
  "problem.form.cpus.digits": "Give the number of CPUs in plain digits, for example {example}.",
  "problem.form.envLine": "Line {line}: write each variable as NAME=value, for example EPOCHS=10.",
  "problem.form.envDuplicate": "Line {line}: {key} is already set on an earlier line.",
  "problem.form.port": "“{value}” is not a port number. List ports like 8888, 6006.",
  "problem.form.portTooLarge": "Ports go from 1 to 65535; {value} is too large.",
  "problem.form.mountLine":
    "Line {line}: write it as hdfs_path -> folder_in_workspace, for example /user/alice/data -> /data/input.",
  "problem.form.mountLineOverwrite":
    "Line {line}: write it as hdfs_path -> folder_in_workspace, for example /user/alice/data -> /data/input (overwrite).",
  "problem.form.memory.decimal":
    "Give the memory in whole GB, without a decimal point, for example 16.",
  "problem.form.memory.digits":
    "Give the memory as a number of GB in plain digits, for example 16.",

  "problem.limit.gpuCount": "A workspace can have at most {max} GPUs; {value} is too many.",
  "problem.limit.cpuCount": "A workspace can have at most {max} CPUs; {value} is too many.",
  "problem.limit.cpuMillicores":
    "{value} CPUs looks like thousandths of a CPU. Count whole CPUs here: for {cpus} CPUs type {cpus}. The most is {max}.",
  "problem.limit.memory":
    "A workspace can have at most {max} GB of memory; {gb} GB is too much. Ask an admin if you really need more.",
  "problem.limit.memoryMegabytes":
    "{gb} GB would be {tb} TB: that looks like megabytes. This field is in GB, so for {gb} MB type {suggestion}. The most is {max} GB.",
  "problem.limit.gpuModel": "Choose one of the GPU models on offer: {models}.",

  "problem.name.required": "Give the workspace a name.",
  "problem.name.empty": "Give the workspace a name, for example {example}.",
  "problem.name.tooLong": "Use at most {max} characters; this name has {length}.",
  "problem.name.start": "Start the name with a lowercase letter (a to z).",
  "problem.name.chars": "Use only lowercase letters, digits and hyphens; remove or change {chars}.",
  "problem.name.doubleHyphen": "Use single hyphens only: replace “--” with “-”.",
  "problem.name.end": "End the name with a letter or a digit, not a hyphen.",
  "problem.accountId.required": "Choose the DataForest account the workspace belongs to.",
  "problem.accountId.tooLong": "An account id has at most {max} characters; this one has {length}.",
  "problem.accountId.chars":
    "An account id has only letters and digits. Copy it again from the DataForest console.",
  "problem.description.tooLong": "Keep this to {max} characters; it has {length}.",
  "problem.image.required": "Choose the software to run, for example {example}.",
  "problem.image.registry":
    "Images look like name:version, for example {example}, or dataforest/name:version. Remove the “/” part.",
  "problem.image.chars":
    "Use only lowercase letters, digits, “.”, “_” and “-” in the image; change {chars}.",
  "problem.image.colon": "Images look like name:version with one colon, for example {example}.",
  "problem.image.nameLength":
    "The part before the colon (the image name) must have 1 to {max} characters.",
  "problem.image.versionLength":
    "The part after the colon (the version) must have 1 to {max} characters.",
  "problem.docker.required": "Choose the software (image) to run.",
  "problem.command.required": "Say what to run when the workspace starts, for example jupyter.",
  "problem.env.format": "Write each variable as NAME=value, one per line.",
  "problem.env.key":
    "“{key}” cannot be a variable name: use letters, digits and “_”, starting with a letter or “_”.",
  "problem.port.type": "A port is a whole number from 1 to 65535, for example 8888.",
  "problem.port.whole": "A port is a whole number; {value} is not.",
  "problem.port.tooSmall": "Ports go from 1 to 65535; {value} is too small.",
  "problem.port.tooLarge": "Ports go from 1 to 65535; {value} is too large.",
  "problem.ports.duplicate": "Each port can be listed only once.",
  "problem.gpuCount.type": "Choose how many GPUs: a whole number from {min} to {max}.",
  "problem.gpuCount.whole": "Choose a whole number of GPUs, from {min} to {max}.",
  "problem.gpuCount.tooFew": "A workspace has {min} to {max} GPUs; {value} is too few.",
  "problem.gpuCount.tooMany": "A workspace has {min} to {max} GPUs; {value} is too many.",
  "problem.cpuCount.whole": "Give the number of CPUs as a whole number, for example 4.",
  "problem.cpuCount.min": "A workspace needs at least 1 CPU.",
  "problem.memoryMb.type": "Give the memory as a number of GB, for example 16.",
  "problem.memoryMb.whole": "Give the memory in whole GB, for example 16.",
  "problem.memoryMb.min": "Give the memory as a number of GB greater than 0, for example 16.",
  "problem.hdfs.empty": "The HDFS path cannot be empty.",
  "problem.gpuModel.empty": "The GPU model cannot be empty.",
  "problem.queueName.empty": "The queue cannot be empty.",
  "problem.userPackageUri.empty": "The package location cannot be empty.",
  "problem.path.absolute":
    "The folder in the workspace must start with “/”, for example /data/input (got “{value}”).",
} as const;
