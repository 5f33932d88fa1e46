/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kith_inbox_format_date   (gint64      ms);
char *kith_inbox_format_sender (const char *name,
                                const char *address);

G_END_DECLS
