/* LD_PRELOAD probe for scripts/knowledge/nginx.mjs: in a constructor (run before nginx's
 * main) it walks ngx_modules of the nginx binary and of the dynamic modules listed in
 * STACKLINT_NGINX_DYNAMIC (":"-separated .so paths) and writes every ngx_command_t as
 * TSV: directive, module, origin (builtin or .so), module type, command type bits,
 * setter symbol. Then it exits. The structs are declared here with the layout of
 * nginx's src/core/ngx_conf_file.h and ngx_module.h (stable since 1.9.11). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <dlfcn.h>

typedef struct { size_t len; unsigned char *data; } ngx_str_t;
typedef struct { ngx_str_t name; uintptr_t type; void *set; uintptr_t conf; uintptr_t offset; void *post; } ngx_command_t;
typedef struct { uintptr_t ctx_index, index; char *name; uintptr_t spare0, spare1, version; const char *signature; void *ctx; ngx_command_t *commands; uintptr_t type; } ngx_module_t;

static void dump(FILE *f, const char *origin, ngx_module_t **mods, char **names) {
	for (int i = 0; mods[i]; i++) {
		ngx_module_t *m = mods[i];
		if (!m->commands) continue;
		for (ngx_command_t *c = m->commands; c->name.len; c++) {
			Dl_info info; const char *fn = "?";
			if (c->set && dladdr(c->set, &info) && info.dli_sname && info.dli_saddr == c->set) fn = info.dli_sname;
			fprintf(f, "%.*s\t%s\t%s\t%08lx\t%lx\t%s\n", (int) c->name.len, c->name.data, names ? names[i] : "?", origin, (unsigned long) m->type, (unsigned long) c->type, fn);
		}
	}
}

__attribute__((constructor)) static void stacklint_dump(void) {
	const char *out = getenv("STACKLINT_NGINX_DUMP");
	if (!out) return;
	unsetenv("LD_PRELOAD");
	FILE *f = fopen(out, "w");
	if (!f) return;
	void *self = dlopen(NULL, RTLD_NOW | RTLD_GLOBAL);
	ngx_module_t **mods = dlsym(self, "ngx_modules");
	char **names = dlsym(self, "ngx_module_names");
	if (mods) dump(f, "builtin", mods, names);
	const char *dyn = getenv("STACKLINT_NGINX_DYNAMIC");
	if (dyn) {
		char *list = strdup(dyn), *save = NULL;
		for (char *p = strtok_r(list, ":", &save); p; p = strtok_r(NULL, ":", &save)) {
			void *h = dlopen(p, RTLD_NOW | RTLD_GLOBAL);
			if (!h) { fprintf(stderr, "dlopen %s: %s\n", p, dlerror()); continue; }
			ngx_module_t **dm = dlsym(h, "ngx_modules");
			char **dn = dlsym(h, "ngx_module_names");
			const char *base = strrchr(p, '/');
			if (dm) dump(f, base ? base + 1 : p, dm, dn);
		}
		free(list);
	}
	fclose(f);
	exit(0);
}
