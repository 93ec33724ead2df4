import type { Logger } from "../log.js";
import type { Choices } from "../requests/choices.js";
import type { Limits } from "../requests/limits.js";
import type { Preset } from "../requests/presets.js";
import type { RequestQueries } from "../requests/queries.js";
import type { Workflow } from "../requests/workflow.js";
import type { Home } from "./home.js";
import type { UserLocales } from "./i18n/user-locales.js";
import type { OpenView } from "./open-view.js";
import type { MetaKey } from "./signed-meta.js";

/** What the listeners work with; built once in app.ts. */
export type SlackDeps = {
  workflow: Workflow;
  choices: Choices;
  /** Which language each person reads, and the shared channel's. */
  locales: UserLocales;
  queries: RequestQueries;
  home: Home;
  /** The operator's account for everyone; without it the modal offers the accounts. */
  defaultAccountId: string | undefined;
  limits: Limits;
  /** Seals what the app's modals carry in private_metadata. */
  metaKey: MetaKey;
  /** Opens a form for a trigger id (views.open). */
  openView: OpenView;
  /** The form's presets, checked at start-up; the first is the default. */
  presets: readonly Preset[];
  logger: Logger;
};
