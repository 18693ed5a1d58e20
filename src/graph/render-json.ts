import type { StackGraph } from "./graph-types.js";

/**
 * The graph model as JSON: the same object every renderer draws, keys in a
 * fixed order (built in that order), elements in model order, paths
 * relative to the working directory, so the output is stable across runs.
 */
export function renderJson(graph: StackGraph): string {
  return JSON.stringify(graph, (_key, value: unknown) => (value === undefined ? null : value), 2) + "\n";
}
