/**
 * apt packages that have no installation candidate in a Debian/Ubuntu
 * release, with what to install instead. Only well-known renames that
 * tutorials trip over; every entry was checked against packages.debian.org /
 * packages.ubuntu.com for the releases listed.
 */
export interface MissingPackage {
  name: string;
  /** Releases where `apt-get install <name>` fails with "has no installation candidate" / "Unable to locate package". */
  missingIn: readonly string[];
  instead: string;
}

export const MISSING_PACKAGES: readonly MissingPackage[] = [
  { name: "netcat", missingIn: ["bookworm", "trixie"], instead: "netcat-openbsd (or netcat-traditional)" },
  { name: "python-pip", missingIn: ["bullseye", "bookworm", "trixie", "focal", "jammy", "noble"], instead: "python3-pip" },
  { name: "python-dev", missingIn: ["bookworm", "trixie", "focal", "jammy", "noble"], instead: "python3-dev" },
  { name: "python", missingIn: ["bookworm", "trixie", "jammy", "noble"], instead: "python3 (or python-is-python3)" },
  { name: "python-setuptools", missingIn: ["bookworm", "trixie", "jammy", "noble"], instead: "python3-setuptools" },
  { name: "python-mysqldb", missingIn: ["bookworm", "trixie", "jammy", "noble"], instead: "python3-mysqldb" },
  { name: "libmysqlclient-dev", missingIn: ["buster", "bullseye", "bookworm", "trixie"], instead: "default-libmysqlclient-dev" },
  { name: "mysql-client", missingIn: ["buster", "bullseye", "bookworm", "trixie"], instead: "default-mysql-client (or mariadb-client)" },
  { name: "mysql-server", missingIn: ["buster", "bullseye", "bookworm", "trixie"], instead: "default-mysql-server (MariaDB), or the mysql image" },
  { name: "libssl1.1", missingIn: ["bookworm", "trixie", "jammy", "noble"], instead: "libssl3" },
];

export function missingPackage(name: string, releases: readonly string[]): MissingPackage | undefined {
  const entry = MISSING_PACKAGES.find((p) => p.name === name);
  return entry && releases.length > 0 && releases.every((r) => entry.missingIn.includes(r)) ? entry : undefined;
}
