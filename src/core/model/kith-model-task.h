/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

void     kith_model_run            (gpointer             source_object,
                                    KithStore           *store,
                                    KithStoreJobFunc     func,
                                    gpointer             job_data,
                                    GDestroyNotify       job_data_free,
                                    GDestroyNotify       result_free,
                                    GCancellable        *cancellable,
                                    gpointer             source_tag,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gpointer kith_model_finish_pointer (gpointer             source_object,
                                    GAsyncResult        *result,
                                    gpointer             source_tag,
                                    GError             **error);
gboolean kith_model_finish_boolean (gpointer             source_object,
                                    GAsyncResult        *result,
                                    gpointer             source_tag,
                                    GError             **error);

G_END_DECLS
