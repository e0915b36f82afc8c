// Stand-in for `@/inngest/client` in skills that send events without defining
// the client themselves (the `background-jobs` skill defines the real one).
import { Inngest } from "inngest";

export const inngest = new Inngest({ id: "my-app" });
