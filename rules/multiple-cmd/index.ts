import { lastOneCounts } from "./last-one-counts.js";

export default lastOneCounts("CMD");
