/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean kith_set_str (char       **str,
                       const char  *value);
gboolean kith_set_strv (GStrv       *strv,
                        const char * const *value);

G_END_DECLS
