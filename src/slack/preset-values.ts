import { ownEntries } from "../dataforest/create-request.js";
import type { WorkspaceSettings } from "../requests/choices.js";
import type { Preset } from "../requests/presets.js";
import { blockIds, type FormValues, requestToForm } from "./form.js";

/** A preset as the form's fields would show it. */
export function presetValues(preset: Preset | undefined): FormValues {
  if (!preset) return {};
  return requestToForm({ accountId: "", name: "", configuration: preset.configuration });
}

/**
 * The form after a change of preset: a field the person changed keeps what they typed; a field
 * still holding the old preset's value, or not shown at all, takes the new preset's.
 */
export function switchPreset(
  typed: FormValues,
  shown: readonly string[],
  from: FormValues,
  to: FormValues,
): FormValues {
  const values: FormValues = {};
  for (const id of blockIds) {
    const own = shown.includes(id) && typed[id] !== from[id];
    const value = own ? typed[id] : to[id];
    if (value !== undefined) values[id] = value;
  }
  return values;
}

const present = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/**
 * An existing workspace's settings as the form's fields would show them. DataForest reports them
 * loosely (any field may be missing or null); what cannot be shown is left for the person to fill.
 * Environment variables keep their names but not their values: the workspace may be anyone's in
 * the account, and its values may be their keys.
 */
export function workspaceValues(c: WorkspaceSettings): FormValues {
  const d = c.docker ?? {};
  const r = c.resource ?? {};
  const mounts = <M extends { hdfs?: string | null; path?: string | null }>(
    list: M[] | null | undefined,
  ) =>
    (list ?? []).filter(
      (m): m is M & { hdfs: string; path: string } =>
        typeof m.hdfs === "string" && typeof m.path === "string",
    );
  const values = requestToForm({
    accountId: "",
    name: "",
    configuration: {
      docker: {
        image: d.image ?? "",
        command: d.command ?? "",
        args: present(d.args),
        workdir: present(d.workdir),
        env: d.env ? ownEntries(Object.keys(d.env).map((name) => [name, ""])) : undefined,
        exposeTcpPorts: present(d.exposeTcpPorts),
      },
      resource: {
        cpuCount: r.cpuCount ?? 1,
        gpuCount: present(r.gpuCount),
        gpuModel: present(r.gpuModel),
        memoryMb: present(r.memoryMb),
      },
      queueName: present(c.queueName),
      data: {
        input: mounts(c.data?.input),
        output: mounts(c.data?.output).map((m) => ({ ...m, overwrite: m.overwrite === true })),
      },
      userPackageUri: present(c.userPackageUri),
    },
  });
  // A CPU count DataForest did not report is not 1 just because the schema's default is.
  if (r.cpuCount === undefined || r.cpuCount === null)
    delete values["configuration.resource.cpuCount"];
  return values;
}
