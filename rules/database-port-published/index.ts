import { defineRule, fixed } from "../../src/engine/rule.js";
import type { Protocol, Service } from "../../src/model/types.js";

interface Database {
  label: string;
  ports: number[];
  images: RegExp;
  protocols?: Protocol[];
}

/** Servers whose port must not face the internet, by the official image names (and common forks). */
const DATABASES: Database[] = [
  { label: "MySQL/MariaDB", ports: [3306], images: /(^|\/)(mysql|mariadb|percona(-server)?|mysql-server)$/, protocols: ["mysql"] },
  { label: "PostgreSQL", ports: [5432], images: /(^|\/)(postgres|postgresql|postgis|timescaledb(-ha)?|pgvector)$/, protocols: ["postgres"] },
  { label: "Redis", ports: [6379], images: /(^|\/)(redis|valkey|keydb|redis-stack-server|redis-stack)$/, protocols: ["redis"] },
  { label: "MongoDB", ports: [27017], images: /(^|\/)(mongo|mongodb|mongodb-community-server)$/ },
  { label: "Memcached", ports: [11211], images: /(^|\/)memcached$/ },
  { label: "Elasticsearch", ports: [9200], images: /(^|\/)(elasticsearch|opensearch)$/ },
  { label: "RabbitMQ", ports: [5672], images: /(^|\/)rabbitmq$/ },
];

export default defineRule({
  meta: {
    id: "database-port-published",
    description: "a database/cache/broker port (3306, 5432, 6379, 27017, 11211, 9200, 5672) published on all host interfaces",
    severity: "warning",
    category: "security",
    files: ["compose"],
    messages: {
      published:
        "{{db}} port {{port}} of service \"{{service}}\" is published on all host interfaces: anyone who can reach the host can try to log in (Docker's iptables rules bypass ufw/firewalld), and other containers do not need it: they reach \"{{service}}:{{port}}\" over the compose network; remove the mapping, or bind it to loopback (`127.0.0.1:{{hostPort}}:{{port}}`) for tools on the host",
    },
    fixable: false,
  },
  check({ model, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        if (service.origin !== "compose" || service.networkMode) continue;
        for (const p of service.ports) {
          if (!isAllInterfaces(p.hostIp)) continue;
          for (let port = p.containerPort; port <= p.containerPortEnd && port - p.containerPort < 16; port++) {
            const db = databaseOn(service, port);
            if (!db) continue;
            const key = `${p.loc.file.path}\0${p.loc.start}\0${port}`;
            if (done.has(key)) continue;
            done.add(key);
            const hostPort = p.hostPort === undefined ? port : p.hostPort + (port - p.containerPort);
            report({ messageId: "published", at: p.loc, data: { db: fixed(db.label), port, hostPort, service: service.name } });
          }
        }
      }
    }
  },
});

function isAllInterfaces(ip: string | undefined): boolean {
  if (ip === undefined) return true;
  const t = ip.trim().replace(/^\[|\]$/g, "");
  return t === "" || t === "0.0.0.0" || t === "::";
}

/** The database this container runs on that port: judged by its image (or base image) and its listeners, not the number alone. */
function databaseOn(service: Service, port: number): Database | undefined {
  const names = [service.image?.name, service.build?.image?.base?.name].filter((n): n is string => n !== undefined);
  for (const db of DATABASES) {
    if (!db.ports.includes(port)) continue;
    if (names.some((n) => db.images.test(n))) return db;
    if (db.protocols && service.listeners.some((l) => l.port === port && db.protocols!.includes(l.protocol))) return db;
  }
  return undefined;
}
