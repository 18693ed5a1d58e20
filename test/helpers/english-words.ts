/**
 * What is left of a translated message once the parts that stay English on
 * purpose are taken out: code spans, quoted program output, paths, option
 * names, identifiers (anything with `_ - . / : = $ @` or digits, ALL-CAPS
 * names) and the names of the programs. Used by test/i18n.test.ts to check
 * that `--lang zh-CN` output has no English prose left.
 */
export const ALLOWED_WORDS = new Set(
  [
    "nginx", "uWSGI", "uwsgi", "redis", "Redis", "MySQL", "MariaDB", "mysql", "mariadb", "mysqld", "Django", "Docker", "docker", "compose", "Compose",
    "HTTP", "HTTPS", "TCP", "UDP", "DNS", "Dockerfile", "Debian", "Ubuntu", "Alpine", "BuildKit", "supervisord", "supervisor", "gunicorn", "daphne",
    "bash", "dash", "sh", "shell", "Python", "python", "pip", "apt", "wheel", "gosu", "exec", "root", "localhost", "Linux", "Windows", "GitHub", "SARIF",
    "emoji", "umask", "seccomp", "AppArmor", "iptables", "ufw", "firewalld", "git", "sudo", "sudoers", "chmod", "chown", "sed", "tr", "env", "stacklint",
    "location", "server", "upstream", "http", "events", "include", "alias", "root", "listen", "resolver", "map", "if", "block", "socket", "traceback",
    "CRLF", "LF", "CR", "SIGTERM", "SIGKILL", "PID", "OOM", "API", "URL", "URI", "IP", "TLS", "SSL", "SSRF", "CSRF", "OCI", "ACL", "REPL", "RFC",
    "json", "stylish", "compact", "github", "html", "sarif", "mermaid", "dot", "diff", "info", "error", "warning", "off", "on", "yes", "no",
    "bookworm", "trixie", "bullseye", "buster", "jammy", "focal", "noble", "Author", "healthy", "latest", "settings", "digest", "profile", "job", "summary",
    "conf", "ini", "env", "static", "media", "tar", "heredoc", "here", "document", "shebang", "Host", "Origin", "Referer", "Server", "collectstatic",
    "makemigrations", "migrate", "runserver", "startproject", "harakiri", "quicklist", "listpack", "ziplist", "emerg", "FastCGI", "WSGI", "ASGI",
    "QUIC", "macOS", "GBK", "Latin", "UTF", "NUL", "MiB", "MB", "configparser", "MissingSectionHeaderError", "override", "bridge", "cron", "tty",
    "PostgreSQL", "MongoDB", "Elasticsearch", "Memcached", "RabbitMQ", "valkey", "errno", "uid", "gid", "True", "False", "None", "atoi", "untagged",
    "Barracuda", "gRPC", "stream", "mail", "master", "mariadbd", "worker", "Apache", "unix", "Unix", "SysV", "PyPy", "Node", "Ruby", "PHP", "Perl", "Erlang", "Elixir", "REPL", "BOM", "umask",
  ].map((w) => w.toLowerCase()),
);

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** The English words of `message` that are neither quoted, nor identifiers, nor allowed names. */
export function englishWords(message: string, extraAllowed: ReadonlySet<string> = new Set()): string[] {
  let text = message;
  text = text.replace(/`[^`]*`/g, " ");
  // Quoted program output and names, as long as the quote holds no Chinese (then it is ours).
  text = text.replace(/"(?:[^"\\]|\\.)*"/g, (q) => (CJK.test(q) ? q.replace(/"/g, " ") : " "));
  text = text.replace(/(^|[\s(（：:，,；;“])'[^'\n]*'(?=$|[\s)）：:，,；;。.”])/g, (q, pre: string) => (CJK.test(q) ? q.replace(/'/g, " ") : `${pre} `));
  text = text.replace(/“[^”]*”/g, (q) => (CJK.test(q) ? q : " "));
  text = text.replace(/\[[^\]\u4e00-\u9fff]*\]/g, " ");
  text = text.replace(/\{\{\w+\}\}/g, " ");
  // HTTP status lines as servers send them: "400 Bad Request", "413 Request Entity Too Large".
  text = text.replace(/\b[1-5]\d\d(?: [A-Z][a-z]+)+/g, " ");
  const words: string[] = [];
  for (const token of text.split(/[\s，。；：！？、（）()【】“”《》,;!?]+/)) {
    if (token === "") continue;
    // Identifiers, paths, options, numbers, addresses: anything with a character prose words do not have.
    if (/[_\-./:=$@%*#<>{}|\\~+&\d]/.test(token)) continue;
    for (const w of token.split(/[^A-Za-z']+/)) {
      const word = w.replace(/^'+|'+$/g, "");
      if (word.length < 2) continue;
      if (/^[A-Z][A-Z0-9]+$/.test(word)) continue; // DEBUG, CMD, HTTP...
      if (ALLOWED_WORDS.has(word.toLowerCase()) || extraAllowed.has(word) || extraAllowed.has(word.toLowerCase())) continue;
      words.push(word);
    }
  }
  return words;
}
