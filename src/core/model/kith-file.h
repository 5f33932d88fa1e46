/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_FILE (kith_file_get_type ())
G_DECLARE_FINAL_TYPE (KithFile, kith_file, KITH, FILE, GObject)

gint64      kith_file_get_id           (KithFile *self);
gint64      kith_file_get_record_id    (KithFile *self);
const char *kith_file_get_name         (KithFile *self);
const char *kith_file_get_uri          (KithFile *self);
const char *kith_file_get_content_type (KithFile *self);
gint64      kith_file_get_size         (KithFile *self);
gint64      kith_file_get_added        (KithFile *self);
gboolean    kith_file_get_copied       (KithFile *self);

G_END_DECLS
