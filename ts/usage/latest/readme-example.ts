// The example of docs/typescript-bindings.md, compiled as written there (imports adjusted).
import {
  type AgentDesktopClientAPI,
  type InteractionData,
  validateInteractionData,
  isInteractionData,
} from "../../generated/latest/index.js";
import "../../generated/latest/global.js";

declare const window: Window;
declare const console: { log(...args: unknown[]): void; warn(...args: unknown[]): void; error(...args: unknown[]): void };
declare function saveActivity(id: string, dnis: string): void;

const adApi: AgentDesktopClientAPI = new window.brightpattern.AdApi({ integrationKey: "my-crm" });

adApi.on("ON_INTERACTION_REMOVED", (interaction) => {
  saveActivity(interaction.interactionId, interaction.DNIS ?? "");
});

export function onWireMessage(data: unknown): InteractionData | undefined {
  const problems = validateInteractionData(data);
  for (const p of problems) {
    console.warn(`${p.path || "/"}: ${p.severity}: ${p.message}`);
  }
  return isInteractionData(data) ? data : undefined;
}

export async function login(): Promise<void> {
  const r = await adApi.getLoginState();
  if (r.status === "success") console.log(r.data.isLoggedIn);
  else console.error(r.error.code, r.error.name);
}
