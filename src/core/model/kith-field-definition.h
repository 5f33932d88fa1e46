/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_FIELD_DEFINITION (kith_field_definition_get_type ())
G_DECLARE_FINAL_TYPE (KithFieldDefinition, kith_field_definition, KITH, FIELD_DEFINITION, GObject)

KithFieldDefinition *kith_field_definition_new            (KithRecordKind       applies_to,
                                                           const char          *name,
                                                           const char          *field_type);
gint64               kith_field_definition_get_field_id   (KithFieldDefinition *self);
const char          *kith_field_definition_get_key        (KithFieldDefinition *self);
const char          *kith_field_definition_get_name       (KithFieldDefinition *self);
const char          *kith_field_definition_get_field_type (KithFieldDefinition *self);
KithRecordKind       kith_field_definition_get_applies_to (KithFieldDefinition *self);
const char          *kith_field_definition_get_section    (KithFieldDefinition *self);
const char          *kith_field_definition_get_currency   (KithFieldDefinition *self);
const char * const  *kith_field_definition_get_options    (KithFieldDefinition *self);
gboolean             kith_field_definition_get_remind_yearly (KithFieldDefinition *self);
const char          *kith_field_definition_get_scope_segment (KithFieldDefinition *self);
void                 kith_field_definition_add_scope      (KithFieldDefinition *self,
                                                           const char          *segment,
                                                           const char          *stage);
guint                kith_field_definition_get_n_scopes   (KithFieldDefinition *self);
void                 kith_field_definition_get_scope      (KithFieldDefinition *self,
                                                           guint                i,
                                                           const char         **out_segment,
                                                           const char         **out_stage);
gboolean             kith_field_definition_applies_in     (KithFieldDefinition *self,
                                                           const char          *segment,
                                                           const char          *stage);
void                 kith_field_definition_list_async     (KithStore           *store,
                                                           KithRecordKind       kind,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GListModel          *kith_field_definition_list_finish    (KithStore           *store,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                 kith_field_definition_add_async      (KithFieldDefinition *self,
                                                           KithStore           *store,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             kith_field_definition_add_finish     (KithFieldDefinition *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                 kith_field_definition_update_async   (KithFieldDefinition *self,
                                                           KithStore           *store,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             kith_field_definition_update_finish  (KithFieldDefinition *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                 kith_field_definition_remove_async   (KithFieldDefinition *self,
                                                           KithStore           *store,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             kith_field_definition_remove_finish  (KithFieldDefinition *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
