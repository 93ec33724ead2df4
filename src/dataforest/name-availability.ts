/**
 * What checkAvailableName's answer means. `availableName: false` covers both a name already used in
 * the account and a name DataForest does not allow; only the answer's `message` tells them apart,
 * and the reference gives no list of messages, so both are recognised by their words in English,
 * Korean and Japanese.
 */

export type NameAvailability =
  | { available: true }
  | { available: false; reason: "taken" | "not_allowed"; message?: string };

const TAKEN =
  /already|exist|duplicat|in use|taken|사용\s*중|중복|이미|존재|既に|すでに|使用中|使用されて|重複|存在/i;

export function nameAvailability(
  availableName: boolean,
  message: string | null | undefined,
): NameAvailability {
  if (availableName) return { available: true };
  const trimmed = message?.trim();
  // The reference's examples answer `"message": "success"` even when there is nothing to say.
  const said = trimmed && !/^(success|ok)$/i.test(trimmed) ? trimmed : undefined;
  // The app checks the documented name rules before asking, so a silent "no" is most likely a
  // name in use; a message that does not speak of one explains a rule instead.
  const reason = said === undefined || TAKEN.test(said) ? "taken" : "not_allowed";
  return said === undefined
    ? { available: false, reason }
    : { available: false, reason, message: said };
}
