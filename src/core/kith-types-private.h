/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* kith-types.c */
gboolean      kith_invalid               (GError       **error,
                                          const char    *format,
                                          ...) G_GNUC_PRINTF (2, 3);
char         *kith_make_preview          (const char    *body,
                                          gboolean       is_html);

G_END_DECLS
