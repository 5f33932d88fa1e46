/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What kith-cli.c gives the commands implemented in other files: its error and usage output
 * ("kith-cli: <message>", exit status 1 or 2), its JSON printing, and its input reading */
int   kith_cli_fail       (const char      *message);
int   kith_cli_usage      (GOptionContext  *context,
                           const char      *message);
void  kith_cli_print_json (JsonNode        *node);
char *kith_cli_read_input (const char      *path,
                           gsize           *out_length,
                           GError         **error);

G_END_DECLS
