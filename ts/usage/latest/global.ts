// The opt-in `Window` augmentation.
import type {} from "../../generated/latest/global.js";
import type { OperationResult, LoginStateData } from "../../generated/latest/index.js";

declare const window: Window;
export const client = new window.brightpattern.AdApi({ integrationKey: "x" });
export const state: Promise<OperationResult<LoginStateData>> = client.getLoginState();
window.bpspat.api.completeInteraction("item-1");
