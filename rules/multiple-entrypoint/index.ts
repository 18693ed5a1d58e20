import { lastOneCounts } from "../multiple-cmd/last-one-counts.js";

export default lastOneCounts("ENTRYPOINT");
