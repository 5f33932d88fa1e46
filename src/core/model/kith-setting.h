/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

void      kith_setting_dup_async      (KithStore           *store,
                                       const char          *key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char     *kith_setting_dup_finish     (KithStore           *store,
                                       GAsyncResult        *result,
                                       GError             **error);
void      kith_setting_set_async      (KithStore           *store,
                                       const char          *key,
                                       const char          *value,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  kith_setting_set_finish     (KithStore           *store,
                                       GAsyncResult        *result,
                                       GError             **error);
void      kith_setting_apply_preset_async  (KithStore           *store,
                                            const char          *preset,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  kith_setting_apply_preset_finish (KithStore           *store,
                                            GAsyncResult        *result,
                                            GError             **error);

void      kith_setting_dup_me_async   (KithStore           *store,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GStrv     kith_setting_dup_me_finish  (KithStore           *store,
                                       GAsyncResult        *result,
                                       char               **out_name,
                                       GError             **error);

G_END_DECLS
