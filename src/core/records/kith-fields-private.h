/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

/* kith-fields.c */
gboolean      kith_fields_lookup         (KithStore     *self,
                                          const char    *key,
                                          gint64        *out_id,
                                          char         **out_type,
                                          char         **out_name,
                                          char         **out_options,
                                          int           *out_applies_to);
gboolean      kith_fields_check_scope    (KithStore     *self,
                                          gint64         record_id,
                                          gint64         field_id,
                                          const char    *segment,
                                          const char    *stage,
                                          GPtrArray     *values,
                                          GError       **error);

/* kith-field-values.c */
gboolean      kith_fields_parse_number    (const char   *type,
                                          const char   *text,
                                          double       *out);
gboolean      kith_fields_parse_money     (const char   *label,
                                          const char   *text,
                                          double       *out,
                                          GError      **error);
gboolean      kith_fields_normalize_value (KithStore    *self,
                                          gint64         field_id,
                                          const char    *field_name,
                                          const char    *type,
                                          const char    *options_json,
                                          JsonNode      *value,
                                          GPtrArray     *out_values,
                                          GArray        *out_nums,
                                          GError       **error);
gboolean      kith_fields_normalize_values (KithStore   *self,
                                          gint64         field_id,
                                          const char    *field_name,
                                          const char    *type,
                                          const char    *options_json,
                                          const char * const *values,
                                          gboolean       multi,
                                          GPtrArray     *out_values,
                                          GArray        *out_nums,
                                          GError       **error);

G_END_DECLS
