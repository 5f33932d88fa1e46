/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* The typed async calls' common shape: a job on the store's worker, its result handed on to a
 * GTask of the call's own source tag (for its _finish to check) */

void     kith_model_run            (KithStore           *store,
                                    KithStoreJobFunc     func,
                                    gpointer             job_data,
                                    GDestroyNotify       job_data_free,
                                    GDestroyNotify       result_free,
                                    GCancellable        *cancellable,
                                    gpointer             source_tag,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gpointer kith_model_finish_pointer (KithStore           *store,
                                    GAsyncResult        *result,
                                    gpointer             source_tag,
                                    GError             **error);
gboolean kith_model_finish_boolean (KithStore           *store,
                                    GAsyncResult        *result,
                                    gpointer             source_tag,
                                    GError             **error);

G_END_DECLS
