// A small fake Agent Desktop (API A) used to test harness.mjs: login, offered calls and chats,
// accept, hold, leave (wrap-up), complete. With FAKE_BROKEN=1 it forgets ON_INTERACTION_REMOVED.
export const name = "fake-desktop";
export const version = "1.0.0";

const ok = (data = null) => ({ status: "success", data });
const err = (name, code) => ({ status: "error", error: { code, name, message: name.replace(/_/g, " ") } });

export function createProvider(emit) {
  let clock, agent, loggedIn, items, active;
  const data = (i) => {
    const d = {
      interactionId: i.id, globalInteractionId: `G-${i.id}`, state: i.state, type: i.type, subject: "",
      associatedObjects: { list: [], selected: [] }, callParties: [], callMuted: false, callRecording: false,
      chatParties: [], attachedData: {}, internal: false,
    };
    if (i.phoneNumber) d.phoneNumber = i.phoneNumber;
    if (i.type === "voice") d.callDirection = "inbound";
    d.startTime = i.start;
    if (i.end !== undefined) { d.endTime = i.end; d.duration = Math.floor((i.end - i.start) / 1000); }
    if (i.service) d.service = i.service;
    return d;
  };
  const setAgent = (s) => { if (agent !== s) { agent = s; emit("ON_AGENT_STATE_CHANGE", s); } };
  const recompute = (finished) => {
    const list = [...items.values()];
    if (list.some((i) => i.state === "delivered" || i.state === "hold")) setAgent("busy");
    else if (list.some((i) => i.state === "wrap_up")) setAgent("after_call_work");
    else if (finished || agent === "busy" || agent === "after_call_work") setAgent("ready");
  };
  const setState = (i, s) => {
    i.state = s;
    if (s === "wrap_up" && i.end === undefined) i.end = clock;
    emit("ON_INTERACTION_STATE_CHANGE", data(i));
  };
  const target = (id) => {
    const key = id ?? active;
    return key !== undefined && key !== null ? items.get(key) : undefined;
  };
  const guard = (id) => (!loggedIn ? err("not_logged_in", 2) : target(id) ? null : err("no_interaction", 13));
  return {
    reset() { clock = 1767225600000; agent = "not_ready"; loggedIn = false; items = new Map(); active = null; },
    fixture(name, args) {
      clock += 1000;
      if (name === "login") { loggedIn = true; emit("ON_LOGIN", { isLoggedIn: true, agentId: args.agentId ?? "agent.one", username: args.agentId ?? "agent.one" }); agent = ""; setAgent("ready"); }
      else if (name === "offer") {
        const i = { id: args.interactionId, type: args.type ?? "voice", state: "delivery_pending", start: clock, phoneNumber: args.phoneNumber, service: args.service };
        items.set(i.id, i); emit("ON_NEW_INTERACTION", data(i));
      } else throw new Error(`fixture ${name} not supported by the fake`);
    },
    async getAgentState() { clock += 1000; return loggedIn ? ok({ state: agent, reservedForIncomingInteraction: false }) : err("not_logged_in", 2); },
    async acceptInteraction(id) {
      clock += 1000;
      const g = guard(id); if (g) return g;
      const i = target(id);
      if (i.state !== "delivery_pending") return err("not_suitable_state", 15);
      setState(i, "delivered");
      if (active !== i.id) { active = i.id; emit("ON_ACTIVE_INTERACTION_SWITCHED", i.id); }
      recompute(false);
      return ok();
    },
    async setCallHold(on, id) {
      clock += 1000;
      const g = guard(id); if (g) return g;
      const i = target(id);
      if (i.type !== "voice") return err("not_suitable_state", 15);
      if (on && i.state === "delivered") setState(i, "hold");
      else if (!on && i.state === "hold") setState(i, "delivered");
      else if (!(i.state === "delivered" || i.state === "hold")) return err("not_suitable_state", 15);
      return ok();
    },
    async leaveInteraction(id) {
      clock += 1000;
      const g = guard(id); if (g) return g;
      const i = target(id);
      if (!(i.state === "delivered" || i.state === "hold")) return err("not_suitable_state", 15);
      setState(i, "wrap_up"); recompute(false);
      return ok();
    },
    async completeInteraction(id) {
      clock += 1000;
      const g = guard(id); if (g) return g;
      const i = target(id);
      if (i.state !== "wrap_up") return err("not_suitable_state", 15);
      items.delete(i.id);
      i.state = "completed";
      if (!process.env.FAKE_BROKEN) emit("ON_INTERACTION_REMOVED", data(i));
      if (active === i.id) { active = null; emit("ON_ACTIVE_INTERACTION_SWITCHED", null); }
      recompute(true);
      return ok();
    },
  };
}
