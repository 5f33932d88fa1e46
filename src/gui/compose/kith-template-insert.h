/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-template.h"

G_BEGIN_DECLS

typedef struct {
  char      *subject;
  char      *body;
  gboolean   html;
  GStrv      attachments;
  char      *account;   /* the template's From account (a source UID), or NULL */
} KithTemplateInsert;

void                kith_template_insert_free   (KithTemplateInsert *self);
void                kith_template_insert_async  (KithStore           *store,
                                                 KithTemplate        *template,
                                                 const char          *address,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
KithTemplateInsert *kith_template_insert_finish (KithStore           *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTemplateInsert, kith_template_insert_free)

G_END_DECLS
