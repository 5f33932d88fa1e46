/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _KithTransferProgressRelay KithTransferProgressRelay;

KithTransferProgressRelay *kith_transfer_progress_relay_new    (GtkProgressBar             *bar);
void                       kith_transfer_progress_relay_report (double                      fraction,
                                                                gpointer                    relay);
void                       kith_transfer_progress_relay_free   (KithTransferProgressRelay  *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTransferProgressRelay, kith_transfer_progress_relay_free)

G_END_DECLS
