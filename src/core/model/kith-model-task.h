/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

void kith_model_task_run (GTask            *task,
                          KithStoreJobFunc  func,
                          gpointer          job_data,
                          GDestroyNotify    job_data_free,
                          GDestroyNotify    result_free);

G_END_DECLS
