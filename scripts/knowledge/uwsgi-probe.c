/* LD_PRELOAD probe for scripts/knowledge/uwsgi.mjs: at exit (after `uwsgi --help`) it
 * writes every option of the running uwsgi (core + loaded plugins) as TSV:
 * name, argument type (0 none / 1 required / 2 optional), shortcut, owning plugin,
 * handler function symbol, flags. Built against the header the binary prints itself
 * (`uwsgi --dot-h`) with the binary's own CFLAGS (`uwsgi --cflags`). */
#define _GNU_SOURCE
#include "uwsgi.h"
#include <dlfcn.h>
extern struct uwsgi_server uwsgi;

static const char *owner(struct uwsgi_option *op) {
	int i;
	for (i = 0; i < 256; i++) {
		struct uwsgi_plugin *p = uwsgi.p[i];
		if (!p || !p->options) continue;
		struct uwsgi_option *o = p->options;
		while (o->name) { if (!strcmp(o->name, op->name)) return p->name; o++; }
	}
	for (i = 0; i < uwsgi.gp_cnt; i++) {
		struct uwsgi_plugin *p = uwsgi.gp[i];
		if (!p || !p->options) continue;
		struct uwsgi_option *o = p->options;
		while (o->name) { if (!strcmp(o->name, op->name)) return p->name; o++; }
	}
	return "core";
}

__attribute__((destructor)) static void stacklint_dump(void) {
	char *out = getenv("STACKLINT_UWSGI_DUMP");
	if (!out || !uwsgi.options) return;
	FILE *f = fopen(out, "w");
	if (!f) return;
	struct uwsgi_option *op = uwsgi.options;
	while (op->name) {
		Dl_info info; const char *fn = "?";
		if (op->func && dladdr((void *) op->func, &info) && info.dli_sname && info.dli_saddr == (void *) op->func) fn = info.dli_sname;
		fprintf(f, "%s\t%d\t%c\t%s\t%s\t%llu\n", op->name, op->type, op->shortcut ? op->shortcut : '-', owner(op), fn, (unsigned long long) op->flags);
		op++;
	}
	fclose(f);
}
