/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

/* What a call does on the calling thread with what its job returned, before it returns */
typedef void (*KithModelApplyFunc) (gpointer apply_data,
                                    gpointer value);

void     kith_model_run_then       (gpointer             source_object,
                                    KithStore           *store,
                                    KithStoreJobFunc     func,
                                    gpointer             job_data,
                                    GDestroyNotify       job_data_free,
                                    GDestroyNotify       result_free,
                                    KithModelApplyFunc   apply,
                                    gpointer             apply_data,
                                    GDestroyNotify       apply_data_free,
                                    GCancellable        *cancellable,
                                    gpointer             source_tag,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
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
void     kith_model_return_now     (gpointer             source_object,
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
