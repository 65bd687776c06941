// Only meaningful under `exactOptionalPropertyTypes` (the test's second pass): absent and
// `undefined` are different things.
import type { InteractionData } from "../../generated/latest/index.js";

// @ts-expect-error: with exactOptionalPropertyTypes an optional field cannot hold `undefined`
export const withUndefined: Pick<InteractionData, "DNIS"> = { DNIS: undefined };
