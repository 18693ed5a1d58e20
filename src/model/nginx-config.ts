import type { ProjectFile } from "../project/project.js";

/** An nginx config file as connections see it (which files a container loads: nginx-instance.ts). */
export interface NginxConfigFile {
  file: ProjectFile<"nginx">;
  /** Path inside the container (undefined for a host nginx file). */
  containerPath: string | undefined;
  /** Directives with the context they run in: conf.d files are included inside `http {}`. */
  includedIn: "main" | "http";
}

