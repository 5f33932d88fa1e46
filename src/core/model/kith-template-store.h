/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-template.h"

G_BEGIN_DECLS

/* The template library, asynchronously: each call a job on the store's worker. A read takes a
 * cancellable; a write the user asked for takes none, and always completes. Undo a delete with
 * kith_store_undo_async(). */

void          kith_store_templates_list_async            (KithStore            *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GListModel   *kith_store_templates_list_finish           (KithStore            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void          kith_store_template_get_async              (KithStore            *self,
                                                          gint64                id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
KithTemplate *kith_store_template_get_finish             (KithStore            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void          kith_store_template_save_async             (KithStore            *self,
                                                          KithTemplate         *template,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gint64        kith_store_template_save_finish            (KithStore            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void          kith_store_template_delete_with_undo_async (KithStore            *self,
                                                          gint64                id,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gint64        kith_store_template_delete_with_undo_finish (KithStore           *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void          kith_store_template_render_async           (KithStore            *self,
                                                          gint64                template_id,
                                                          gint64                person_id,
                                                          const char           *my_name,
                                                          const char           *my_email,
                                                          const char           *my_signature,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean      kith_store_template_render_finish          (KithStore            *self,
                                                          GAsyncResult         *result,
                                                          char                **out_subject,
                                                          char                **out_body,
                                                          GStrv                *out_empty,
                                                          GError              **error);

G_END_DECLS
