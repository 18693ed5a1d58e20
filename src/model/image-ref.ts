import type { ImageRef, Loc } from "./types.js";

/** `[registry/][namespace/]name[:tag][@digest]` → parts; Docker Hub's `library/` dropped. */
export function parseImageRef(ref: string, loc: Loc): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const segments = rest.split("/");
  // a first segment with a dot, colon or "localhost" is a registry host
  if (segments.length > 1 && /[.:]|^localhost$/.test(segments[0]!)) segments.shift();
  if (segments[0] === "library" && segments.length > 1) segments.shift();
  return { ref, name: segments.join("/").toLowerCase(), tag, digest, loc };
}
