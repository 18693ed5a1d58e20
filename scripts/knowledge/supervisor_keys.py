"""Trace which keys supervisor's own option parser reads from each section type.

Run with the python3 that has supervisor installed (Debian: /usr/bin/python3).
A config with every section type is parsed by supervisor.options.ServerOptions
(and ClientOptions for [supervisorctl]) while UnhosedConfigParser's accessors
record every (section, key) they are asked for. Prints JSON on stdout.
"""
import json
import os
import sys
import tempfile

import supervisor
from supervisor import options
from supervisor.options import UnhosedConfigParser

seen = {}
defaults = {}


def record(section, option, args=(), kwargs=None):
    kind = section.split(":", 1)[0]
    seen.setdefault(kind, [])
    if option not in seen[kind]:
        seen[kind].append(option)
    default = args[0] if args else (kwargs or {}).get("default", None)
    if default is not None and not isinstance(default, object.__class__) and (kind, option) not in defaults:
        defaults[(kind, option)] = default if isinstance(default, (str, int, bool)) else None


orig_saneget = UnhosedConfigParser.saneget
orig_get = UnhosedConfigParser.get
orig_has_option = UnhosedConfigParser.has_option


def saneget(self, section, option, *args, **kwargs):
    record(section, option, args, kwargs)
    return orig_saneget(self, section, option, *args, **kwargs)


def get(self, section, option, *args, **kwargs):
    record(section, option, args, kwargs)
    return orig_get(self, section, option, *args, **kwargs)


def has_option(self, section, option):
    record(section, option)
    return orig_has_option(self, section, option)


UnhosedConfigParser.saneget = saneget
UnhosedConfigParser.get = get
UnhosedConfigParser.has_option = has_option

CONFIG = """
[supervisord]
logfile=%(d)s/supervisord.log
pidfile=%(d)s/supervisord.pid
childlogdir=%(d)s

[unix_http_server]
file=%(d)s/supervisor.sock
username=u
password=p

[inet_http_server]
port=127.0.0.1:9001
username=u
password=p

[supervisorctl]
serverurl=unix://%(d)s/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[program:p]
command=/bin/true
numprocs=2
process_name=%%(program_name)s_%%(process_num)s
stdout_logfile=%(d)s/p.log
stderr_logfile=%(d)s/p.err
serverurl=AUTO

[group:g]
programs=p

[eventlistener:e]
command=/bin/true
events=PROCESS_STATE

[fcgi-program:f]
command=/bin/true
socket=unix://%(d)s/f.sock
socket_owner=root
socket_mode=0700

[include]
files=%(d)s/none/*.conf
"""


def converters():
    """The datatype each key's value goes through, read from options.py:
    `name = CONVERTER(get(section, 'key', ...))` (also for the n + '_logfile' loop)."""
    import re
    src = open(options.__file__).read()
    out = {}
    for m in re.finditer(r"(\w+)\(\s*get\((?:section, )?'([\w.]+)'", src):
        out.setdefault(m.group(2), m.group(1))
    for m in re.finditer(r"(\w+)\(\s*get\(section, n ?\+ ?'(\w+)'", src):
        for n in ("stdout", "stderr"):
            out.setdefault(n + m.group(2), m.group(1))
    return out


def main():
    d = tempfile.mkdtemp(prefix="stacklint-supervisor-")
    conf = os.path.join(d, "supervisord.conf")
    with open(conf, "w") as f:
        f.write(CONFIG % {"d": d})
    server = options.ServerOptions()
    server.realize(args=["-c", conf])
    client = options.ClientOptions()
    client.realize(args=["-c", conf])
    from supervisor import datatypes
    from supervisor.loggers import LevelsByDescription
    result = {
        "version": None,
        "sections": seen,
        "defaults": [[k, o, v] for (k, o), v in defaults.items() if v is not None],
        "converters": converters(),
        "truthy": list(datatypes.TRUTHY_STRINGS),
        "falsy": list(datatypes.FALSY_STRINGS),
        "loglevels": [k for k in LevelsByDescription.__dict__ if not k.startswith("_")],
        "options_py": options.__file__,
    }
    try:
        from importlib.metadata import version
        result["version"] = version("supervisor")
    except Exception:
        pass
    os.unlink(conf)
    for name in os.listdir(d):
        os.unlink(os.path.join(d, name))
    os.rmdir(d)
    json.dump(result, sys.stdout, indent=1)


main()
