/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint       kith_schema_get_n_migrations (void);
const char *kith_schema_get_migration    (guint version);

G_END_DECLS
