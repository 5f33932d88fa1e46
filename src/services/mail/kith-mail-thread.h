/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void kith_mail_thread_lower_priority (void);
void kith_mail_thread_run_task       (GTask           *task,
                                      GTaskThreadFunc  func);

G_END_DECLS
