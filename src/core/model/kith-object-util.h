/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

gboolean    kith_set_str             (char             **str,
                                      const char        *value);
gboolean    kith_set_strv            (GStrv             *strv,
                                      const char *const *value);

void        kith_object_update       (GObject           *self,
                                      GObject           *from,
                                      const char *const *except);
void        kith_object_set_string   (GObject           *self,
                                      char             **field,
                                      const char        *value,
                                      GParamSpec        *pspec);
void        kith_object_set_int64    (GObject           *self,
                                      gint64            *field,
                                      gint64             value,
                                      GParamSpec        *pspec);
GParamSpec *kith_param_spec_string   (const char        *name);
GParamSpec *kith_param_spec_int64    (const char        *name);
int         kith_enum_from_nick      (GType              type,
                                      const char        *nick);
const char *kith_enum_to_nick        (GType              type,
                                      int                value);

G_END_DECLS
