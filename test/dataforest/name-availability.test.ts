import { describe, expect, it } from "vitest";
import { nameAvailability } from "../../src/dataforest/name-availability.js";

describe("nameAvailability", () => {
  it.each([
    "An AI workspace with this name already exists.",
    "duplicated name",
    "name is in use",
    "이미 사용 중인 이름입니다.",
    "중복된 이름입니다",
    "既に使用されている名前です。",
    "同じ名前のAIワークスペースが存在します",
  ])("calls %j taken", (message) => {
    expect(nameAvailability(false, message)).toEqual({
      available: false,
      reason: "taken",
      message,
    });
  });

  it.each([
    "invalid request parameter (name, 'Team_A')",
    "名前の形式が正しくありません",
    "이름 형식이 올바르지 않습니다",
  ])("calls %j not allowed, keeping DataForest's words", (message) => {
    expect(nameAvailability(false, message)).toEqual({
      available: false,
      reason: "not_allowed",
      message,
    });
  });

  it("takes a refusal without words for a name in use, since the rules were checked before", () => {
    expect(nameAvailability(false, undefined)).toEqual({ available: false, reason: "taken" });
    expect(nameAvailability(false, "  ")).toEqual({ available: false, reason: "taken" });
    expect(nameAvailability(false, "success")).toEqual({ available: false, reason: "taken" });
  });

  it("ignores the message of an available name", () => {
    expect(nameAvailability(true, "anything")).toEqual({ available: true });
  });
});
