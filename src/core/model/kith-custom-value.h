/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_CUSTOM_VALUE (kith_custom_value_get_type ())
G_DECLARE_FINAL_TYPE (KithCustomValue, kith_custom_value, KITH, CUSTOM_VALUE, GObject)

KithCustomValue    *kith_custom_value_new        (const char         *key);
const char         *kith_custom_value_get_key    (KithCustomValue    *self);
const char         *kith_custom_value_get_value  (KithCustomValue    *self);
const char * const *kith_custom_value_get_values (KithCustomValue    *self);
void                kith_custom_value_update     (KithCustomValue    *self,
                                                  const char         *value,
                                                  const char * const *values);

G_END_DECLS
