/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_MERGE_DIALOG (kith_mail_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithMailMergeDialog, kith_mail_merge_dialog, KITH, MAIL_MERGE_DIALOG, AdwWindow)

GtkWidget *kith_mail_merge_dialog_new        (GtkWindow    *parent,
                                              KithStore    *store,
                                              GListModel   *accounts,
                                              const gint64 *record_ids,
                                              guint         n_ids,
                                              const char   *query);
void       kith_mail_merge_dialog_open       (GtkWidget    *widget,
                                              KithStore    *store,
                                              const gint64 *record_ids,
                                              guint         n_ids,
                                              const char   *query);
void       kith_mail_merge_dialog_new_action (GtkWidget    *widget,
                                              const char   *action_name,
                                              GVariant     *parameter);

G_END_DECLS
