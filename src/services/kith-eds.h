/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libedataserver/libedataserver.h>

G_BEGIN_DECLS

typedef enum {
  KITH_EDS_ADDRESS_BOOK,
  KITH_EDS_EVENTS,
} KithEdsClientKind;

EClient *kith_eds_connect_sync (ESource           *source,
                                KithEdsClientKind  kind,
                                guint32            wait_seconds,
                                GCancellable      *cancellable,
                                GError           **error);

void     kith_eds_connect        (ESource             *source,
                                 KithEdsClientKind    kind,
                                 guint32              wait_seconds,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
EClient *kith_eds_connect_finish (GAsyncResult        *result,
                                  GError             **error);

G_END_DECLS
