/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KITH_TYPE_ATTACHMENT_LIST (kith_attachment_list_get_type ())
G_DECLARE_FINAL_TYPE (KithAttachmentList, kith_attachment_list, KITH, ATTACHMENT_LIST, GtkWidget)

void      kith_attachment_list_add        (KithAttachmentList *self,
                                           GFile              *file);
void      kith_attachment_list_choose     (KithAttachmentList *self,
                                           GtkWindow          *parent);
void      kith_attachment_list_set_paths  (KithAttachmentList *self,
                                           const char * const *paths);
GStrv     kith_attachment_list_dup_paths  (KithAttachmentList *self);
gboolean  kith_attachment_list_is_busy    (KithAttachmentList *self);

G_END_DECLS
