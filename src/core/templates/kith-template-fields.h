/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KithTemplateSlot:
 *
 * The merge fields every template knows, by their place in a #KithTemplateValues. Custom
 * fields follow, from %KITH_TEMPLATE_N_BUILTIN on, in the order they were added.
 */
typedef enum {
  KITH_TEMPLATE_FIRST_NAME,
  KITH_TEMPLATE_LAST_NAME,
  KITH_TEMPLATE_NAME,
  KITH_TEMPLATE_COMPANY,
  KITH_TEMPLATE_HEADLINE,
  KITH_TEMPLATE_EMAIL,
  KITH_TEMPLATE_SEGMENT,
  KITH_TEMPLATE_STAGE,
  KITH_TEMPLATE_MY_FIRST_NAME,
  KITH_TEMPLATE_MY_LAST_NAME,
  KITH_TEMPLATE_MY_NAME,
  KITH_TEMPLATE_MY_EMAIL,
  KITH_TEMPLATE_MY_SIGNATURE,
  KITH_TEMPLATE_N_BUILTIN,
} KithTemplateSlot;

/* The fields a template may name: the built-in ones and the store's custom fields */
typedef struct _KithTemplateFields KithTemplateFields;

/* One record's values of those fields, by slot */
typedef struct _KithTemplateValues KithTemplateValues;

#define KITH_TYPE_TEMPLATE_FIELDS (kith_template_fields_get_type ())
#define KITH_TYPE_TEMPLATE_VALUES (kith_template_values_get_type ())

GType               kith_template_fields_get_type    (void) G_GNUC_CONST;
KithTemplateFields *kith_template_fields_new         (void);
KithTemplateFields *kith_template_fields_ref         (KithTemplateFields *self);
void                kith_template_fields_unref       (KithTemplateFields *self);
guint               kith_template_fields_add_custom  (KithTemplateFields *self,
                                                      gint64              field_id,
                                                      const char         *key,
                                                      const char         *name);
int                 kith_template_fields_lookup      (KithTemplateFields *self,
                                                      const char         *name);
guint               kith_template_fields_get_n_slots (KithTemplateFields *self);
const char         *kith_template_fields_get_name    (KithTemplateFields *self,
                                                      guint               slot);
gint64              kith_template_fields_get_field_id (KithTemplateFields *self,
                                                      guint               slot);
char               *kith_template_fields_suggest     (KithTemplateFields *self,
                                                      const char         *name);

GType               kith_template_values_get_type    (void) G_GNUC_CONST;
KithTemplateValues *kith_template_values_new         (KithTemplateFields *fields);
void                kith_template_values_free        (KithTemplateValues *self);
KithTemplateValues *kith_template_values_copy        (KithTemplateValues *self);
KithTemplateFields *kith_template_values_get_fields  (KithTemplateValues *self);
void                kith_template_values_set         (KithTemplateValues *self,
                                                      guint               slot,
                                                      const char         *value);
void                kith_template_values_take        (KithTemplateValues *self,
                                                      guint               slot,
                                                      char               *value);
const char         *kith_template_values_get         (KithTemplateValues *self,
                                                      guint               slot);
void                kith_template_values_clear_record (KithTemplateValues *self);
void                kith_template_values_set_sender  (KithTemplateValues *self,
                                                      const char         *name,
                                                      const char         *email,
                                                      const char         *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTemplateFields, kith_template_fields_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTemplateValues, kith_template_values_free)

G_END_DECLS
