/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_FIELD (kith_field_get_type ())
G_DECLARE_FINAL_TYPE (KithField, kith_field, KITH, FIELD, GObject)

const char         *kith_field_get_key        (KithField  *self);
const char         *kith_field_get_name       (KithField  *self);
const char         *kith_field_get_field_type (KithField  *self);
const char         *kith_field_get_currency   (KithField  *self);
const char * const *kith_field_get_options    (KithField  *self);
gboolean            kith_field_applies_to     (KithField  *self,
                                               const char *segment,
                                               const char *stage);

G_END_DECLS
