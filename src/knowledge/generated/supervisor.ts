// GENERATED FILE - do not edit by hand.
// Re-create with: bash scripts/knowledge/generate.sh supervisor
// Source program: supervisor 4.2.5
// Obtained with: scripts/knowledge/supervisor_keys.py (traces supervisor.options parser); supervisord -n runs

export const SUPERVISOR_VERSION = "4.2.5";

/** Keys supervisor's parser reads, per section type ("program" = [program:x], ...). */
export const SUPERVISOR_SECTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  "eventlistener": ["priority","buffer_size","result_handler","events","redirect_stderr","autostart","autorestart","startsecs","startretries","stopsignal","stopwaitsecs","stopasgroup","killasgroup","exitcodes","numprocs","numprocs_start","environment","stdout_capture_maxbytes","stdout_events_enabled","stderr_capture_maxbytes","stderr_events_enabled","serverurl","user","umask","process_name","directory","stdout_logfile","stdout_logfile_backups","stdout_logfile_maxbytes","stdout_syslog","stderr_logfile","stderr_logfile_backups","stderr_logfile_maxbytes","stderr_syslog","command"],
  "fcgi-program": ["priority","user","socket_backlog","socket_owner","socket_mode","socket","autostart","autorestart","startsecs","startretries","stopsignal","stopwaitsecs","stopasgroup","killasgroup","exitcodes","redirect_stderr","numprocs","numprocs_start","environment","stdout_capture_maxbytes","stdout_events_enabled","stderr_capture_maxbytes","stderr_events_enabled","serverurl","umask","process_name","directory","stdout_logfile","stdout_logfile_backups","stdout_logfile_maxbytes","stdout_syslog","stderr_logfile","stderr_logfile_backups","stderr_logfile_maxbytes","stderr_syslog","command"],
  "group": ["programs","priority"],
  "include": ["files"],
  "inet_http_server": ["username","password","port"],
  "program": ["priority","autostart","autorestart","startsecs","startretries","stopsignal","stopwaitsecs","stopasgroup","killasgroup","exitcodes","redirect_stderr","numprocs","numprocs_start","environment","stdout_capture_maxbytes","stdout_events_enabled","stderr_capture_maxbytes","stderr_events_enabled","serverurl","user","umask","process_name","directory","stdout_logfile","stdout_logfile_backups","stdout_logfile_maxbytes","stdout_syslog","stderr_logfile","stderr_logfile_backups","stderr_logfile_maxbytes","stderr_syslog","command"],
  "rpcinterface": ["supervisor.rpcinterface_factory"],
  "supervisorctl": ["serverurl","prompt","username","password","history_file"],
  "supervisord": ["minfds","minprocs","directory","user","umask","logfile","logfile_maxbytes","logfile_backups","loglevel","pidfile","identifier","nodaemon","silent","childlogdir","nocleanup","strip_ansi","environment"],
  "unix_http_server": ["file","username","password","chown","chmod"],
};

/** Defaults passed to the parser's get() (string or number as written in options.py). */
export const SUPERVISOR_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>> = {"supervisord":{"minfds":1024,"minprocs":200,"umask":"022","logfile":"supervisord.log","logfile_maxbytes":"50MB","logfile_backups":10,"loglevel":"info","pidfile":"supervisord.pid","identifier":"supervisor","nodaemon":"false","silent":"false","childlogdir":"/tmp","nocleanup":"false","strip_ansi":"false","environment":""},"group":{"priority":999},"program":{"priority":999,"autostart":"true","autorestart":"unexpected","startsecs":1,"startretries":3,"stopsignal":"TERM","stopwaitsecs":10,"stopasgroup":"false","killasgroup":false,"exitcodes":"0","redirect_stderr":"false","numprocs":1,"numprocs_start":0,"environment":"","stdout_capture_maxbytes":"0","stdout_events_enabled":"false","stderr_capture_maxbytes":"0","stderr_events_enabled":"false","process_name":"%(program_name)s","stdout_logfile_backups":10,"stdout_logfile_maxbytes":"50MB","stdout_syslog":false,"stderr_logfile_backups":10,"stderr_logfile_maxbytes":"50MB","stderr_syslog":false},"eventlistener":{"priority":-1,"buffer_size":10,"result_handler":"supervisor.dispatchers:default_handler","events":"","redirect_stderr":"false","autostart":"true","autorestart":"unexpected","startsecs":1,"startretries":3,"stopsignal":"TERM","stopwaitsecs":10,"stopasgroup":"false","killasgroup":false,"exitcodes":"0","numprocs":1,"numprocs_start":0,"environment":"","stdout_capture_maxbytes":"0","stdout_events_enabled":"false","stderr_capture_maxbytes":"0","stderr_events_enabled":"false","process_name":"%(program_name)s","stdout_logfile_backups":10,"stdout_logfile_maxbytes":"50MB","stdout_syslog":false,"stderr_logfile_backups":10,"stderr_logfile_maxbytes":"50MB","stderr_syslog":false},"fcgi-program":{"priority":999,"autostart":"true","autorestart":"unexpected","startsecs":1,"startretries":3,"stopsignal":"TERM","stopwaitsecs":10,"stopasgroup":"false","killasgroup":false,"exitcodes":"0","redirect_stderr":"false","numprocs":1,"numprocs_start":0,"environment":"","stdout_capture_maxbytes":"0","stdout_events_enabled":"false","stderr_capture_maxbytes":"0","stderr_events_enabled":"false","process_name":"%(program_name)s","stdout_logfile_backups":10,"stdout_logfile_maxbytes":"50MB","stdout_syslog":false,"stderr_logfile_backups":10,"stderr_logfile_maxbytes":"50MB","stderr_syslog":false},"supervisorctl":{"serverurl":"http://localhost:9001","prompt":"supervisor"}};

/** The datatypes.py converter each key's value goes through (key -> function name). */
export const SUPERVISOR_CONVERTERS: Readonly<Record<string, string>> = {"minfds":"integer","minprocs":"integer","umask":"octal_type","logfile":"existing_dirpath","logfile_maxbytes":"byte_size","logfile_backups":"integer","loglevel":"logging_level","pidfile":"existing_dirpath","nodaemon":"boolean","silent":"boolean","childlogdir":"existing_directory","nocleanup":"boolean","strip_ansi":"boolean","programs":"list_of_strings","priority":"integer","buffer_size":"integer","events":"list_of_strings","redirect_stderr":"boolean","autostart":"boolean","autorestart":"auto_restart","startsecs":"integer","startretries":"integer","stopsignal":"signal_number","stopwaitsecs":"integer","stopasgroup":"boolean","killasgroup":"boolean","exitcodes":"list_of_exitcodes","numprocs":"integer","numprocs_start":"integer","stdout_events_enabled":"boolean","stderr_events_enabled":"boolean","process_name":"process_or_group_name"};

export const SUPERVISOR_TRUTHY: readonly string[] = ["yes","true","on","1"];
export const SUPERVISOR_FALSY: readonly string[] = ["no","false","off","0"];
export const SUPERVISOR_LOGLEVELS: readonly string[] = ["critical","error","warn","info","debug","trace","blather"];

/** Real `supervisord -n` runs with one [program:x] variation: [lines, program started (1/0) or supervisord exited (0), output lines]. */
export const SUPERVISORD_PROBE_RESULTS: readonly (readonly [string, 0 | 1, readonly string[]])[] = [
  ["stdout=/tmp/stacklint-out.log",1,["INFO spawned: 'x' with pid <pid>"]],
  ["stdout_logfile=/dev/stdout\nstdout_logfile_maxbytes=0",1,["INFO spawned: 'x' with pid <pid>"]],
  ["stdout_logfile=/dev/stdout",1,["INFO spawned: 'x' with pid <pid>"]],
  ["autorestart=maybe",0,["Error: invalid 'autorestart' value 'maybe' in section 'program:x' (file: '<dir>/supervisord.conf')","For help, use /usr/bin/supervisord -h"]],
  ["autorestart=true",1,["INFO spawned: 'x' with pid <pid>"]],
  ["autostart=yes",1,["INFO spawned: 'x' with pid <pid>"]],
  ["autostart=maybe",0,["Error: not a valid boolean value: 'maybe' in section 'program:x' (file: '<dir>/supervisord.conf')","For help, use /usr/bin/supervisord -h"]],
  ["stopsignal=SIGTERM",1,["INFO spawned: 'x' with pid <pid>"]],
  ["stopsignal=TERMINATE",0,["Error: value 'TERMINATE' is not a valid signal name in section 'program:x' (file: '<dir>/supervisord.conf')","For help, use /usr/bin/supervisord -h"]],
  ["startsecs=1s",0,["Error: invalid literal for int() with base 10: '1s' in section 'program:x' (file: '<dir>/supervisord.conf')","For help, use /usr/bin/supervisord -h"]],
  ["user=stacklint-nosuchuser",0,["Error: Invalid user name stacklint-nosuchuser in section 'program:x' (file: '<dir>/supervisord.conf')","For help, use /usr/bin/supervisord -h"]],
  ["numprocs=2",0,["Error: %(process_num) must be present within process_name when numprocs > 1 in section 'program:x' (file: '<dir>/supervisord.conf')","For help, use /usr/bin/supervisord -h"]],
  ["environment=A=1,B=two words",1,["INFO spawned: 'x' with pid <pid>"]],
  ["environment=A=\"1\",B=\"two words\"",1,["INFO spawned: 'x' with pid <pid>"]],
  ["NOCOMMAND",0,["Error: program section program:x does not specify a command in section 'program:x' (file: '<dir>/supervisord.conf')","For help, use /usr/bin/supervisord -h"]],
  ["command=/bin/sleep 30 ; inline comment",1,["INFO spawned: 'x' with pid <pid>"]],
  ["directory=/nonexistent-stacklint",1,["INFO spawned: 'x' with pid <pid>","WARN exited: x (exit status 127; not expected)","INFO spawned: 'x' with pid <pid>"]],
  ["redirect_stderr=true\nstderr_logfile=/tmp/x.log",1,["WARN For [program:x], redirect_stderr=true but stderr_logfile has also been set to a filename, the filename has been ignored","INFO spawned: 'x' with pid <pid>"]],
  ["priority=high",0,["Error: invalid literal for int() with base 10: 'high'","For help, use /usr/bin/supervisord -h"]],
  ["exitcodes=0,2",1,["INFO spawned: 'x' with pid <pid>"]],
  ["logfile=/tmp/x.log",1,["INFO spawned: 'x' with pid <pid>"]],
];
