import { posix } from "node:path";
import { readdirSync } from "node:fs";
import type { Project } from "../project/project.js";
import type { ImageCopy } from "./image/dockerfile-image.js";
import type { Mount, Service } from "./types.js";

/** What a process in the container really finds at a path. */
export type ContainerFile =
  | { kind: "bind"; hostPath: string; mount: Mount }
  | { kind: "copy"; hostPath: string; copy: ImageCopy }
  | { kind: "volume"; mount: Mount }
  /** Not mounted and not copied from the project: whatever the base image holds. */
  | { kind: "image" };

/**
 * Mounts shadow the image: the longest mount target that contains the path
 * wins; only paths no mount covers come from the image (COPY/ADD from the
 * build context, latest instruction first).
 */
export function resolveContainerPath(project: Project, service: Service, containerPath: string): ContainerFile {
  const path = posix.normalize(containerPath);
  const mount = coveringMount(service, path);
  if (mount) {
    if (mount.type === "bind" && mount.source) {
      const rest = path === mount.target ? "" : path.slice(mount.target.length + (mount.target.endsWith("/") ? 0 : 1));
      return { kind: "bind", hostPath: rest ? posix.join(mount.source, rest) : mount.source, mount };
    }
    return { kind: "volume", mount };
  }
  const image = service.build?.image;
  if (image && service.build) {
    for (let i = image.copies.length - 1; i >= 0; i--) {
      const copy = image.copies[i]!;
      if (copy.fromStage) continue;
      const host = hostPathForCopy(project, service.build.context, copy, path);
      if (host) return { kind: "copy", hostPath: host, copy };
    }
  }
  return { kind: "image" };
}

export function coveringMount(service: Service, path: string): Mount | undefined {
  let best: Mount | undefined;
  for (const mount of service.mounts) {
    const t = mount.target.replace(/\/+$/, "") || "/";
    if (path === t || path.startsWith(t === "/" ? "/" : t + "/")) {
      if (!best || t.length > best.target.replace(/\/+$/, "").length) best = mount;
    }
  }
  return best;
}

function hostPathForCopy(project: Project, context: string, copy: ImageCopy, path: string): string | undefined {
  for (const source of copy.sources) {
    if (/[*?[]/.test(source) || /^https?:/.test(source)) continue;
    const hostSource = posix.join(context, source);
    const kind = project.pathKind(hostSource);
    const destDir = copy.dest.endsWith("/") ? copy.dest.slice(0, -1) : copy.dest;
    if (kind === "dir") {
      // the directory's CONTENTS land in dest
      if (path === destDir) return hostSource;
      if (path.startsWith((destDir === "" ? "" : destDir) + "/")) {
        const candidate = posix.join(hostSource, path.slice(destDir.length + 1));
        if (project.pathKind(candidate) !== "none") return candidate;
      }
    } else if (kind === "file") {
      const target = copy.dest.endsWith("/") ? posix.join(copy.dest, posix.basename(source)) : copy.dest;
      if (path === target) return hostSource;
    }
  }
  return undefined;
}

/**
 * Files the container sees directly under a directory (e.g. /etc/nginx/conf.d),
 * from bind mounts and COPY; the base image's own files are not listed.
 */
export function listContainerDir(project: Project, service: Service, dir: string): { containerPath: string; hostPath: string }[] {
  const base = posix.normalize(dir).replace(/\/+$/, "");
  const out = new Map<string, string>();
  const mount = coveringMount(service, base);
  // mounts of single files inside the directory
  for (const m of service.mounts) {
    if (m.type === "bind" && m.source && posix.dirname(m.target) === base && project.pathKind(m.source) === "file") out.set(m.target, m.source);
  }
  if (mount && mount.type === "bind" && mount.source) {
    const resolved = resolveContainerPath(project, service, base);
    if (resolved.kind === "bind" && project.pathKind(resolved.hostPath) === "dir") {
      for (const name of safeReaddir(resolved.hostPath)) {
        const hostPath = posix.join(resolved.hostPath, name);
        const containerPath = posix.join(base, name);
        if (project.pathKind(hostPath) === "file" && !out.has(containerPath)) out.set(containerPath, hostPath);
      }
    }
    return [...out].map(([containerPath, hostPath]) => ({ containerPath, hostPath }));
  }
  if (mount) return [...out].map(([containerPath, hostPath]) => ({ containerPath, hostPath }));
  const image = service.build?.image;
  if (image && service.build) {
    for (const copy of image.copies) {
      if (copy.fromStage) continue;
      for (const source of copy.sources) {
        const hostSource = posix.join(service.build.context, source);
        const kind = project.pathKind(hostSource);
        const destDir = copy.dest.replace(/\/+$/, "");
        if (kind === "file") {
          const target = copy.dest.endsWith("/") ? posix.join(copy.dest, posix.basename(source)) : copy.dest;
          if (posix.dirname(target) === base && !out.has(target)) out.set(target, hostSource);
        } else if (kind === "dir" && destDir === base) {
          for (const name of safeReaddir(hostSource)) {
            const hostPath = posix.join(hostSource, name);
            if (project.pathKind(hostPath) === "file") out.set(posix.join(base, name), hostPath);
          }
        }
      }
    }
  }
  return [...out].map(([containerPath, hostPath]) => ({ containerPath, hostPath }));
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * A key for "the same file" across containers: a path on a named volume or a
 * bind-mounted host directory is shared by every container that mounts it;
 * anything else lives in one container only (undefined).
 */
export function sharedFileKey(service: Service, containerPath: string): string | undefined {
  const path = posix.normalize(containerPath);
  const mount = coveringMount(service, path);
  if (!mount || mount.source === undefined) return undefined;
  const target = mount.target.replace(/\/+$/, "");
  const rest = path === target ? "" : path.slice(target.length + 1);
  if (mount.type === "volume") return `volume:${mount.source}/${rest}`;
  if (mount.type === "bind") return `host:${posix.join(mount.source, rest)}`;
  return undefined;
}

/** Where a host file appears inside the container (through a bind mount or a COPY of its directory), if anywhere. */
export function containerPathOf(project: Project, service: Service, hostPath: string): string | undefined {
  for (const m of service.mounts) {
    if (m.type !== "bind" || !m.source) continue;
    if (hostPath === m.source || hostPath.startsWith(m.source + "/")) return posix.join(m.target, hostPath.slice(m.source.length));
  }
  const image = service.build?.image;
  const context = service.build?.context;
  if (!image || !context) return undefined;
  for (let i = image.copies.length - 1; i >= 0; i--) {
    const copy = image.copies[i]!;
    if (copy.fromStage) continue;
    for (const source of copy.sources) {
      const hostSource = posix.join(context, source);
      const kind = project.pathKind(hostSource);
      if (kind === "dir" && (hostPath === hostSource || hostPath.startsWith(hostSource.replace(/\/$/, "") + "/"))) {
        return posix.join(copy.dest, hostPath.slice(hostSource.replace(/\/$/, "").length));
      }
      if (kind === "file" && hostSource === hostPath) return copy.dest.endsWith("/") ? posix.join(copy.dest, posix.basename(source)) : copy.dest;
    }
  }
  return undefined;
}
