/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-outgoing.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* A next step's email: its template merged for the person, as a draft for the composer */
KithOutgoing *kith_store_step_compose        (KithStore            *self,
                                              gint64                person_id,
                                              const char           *my_name,
                                              const char           *my_email,
                                              const char           *my_signature,
                                              GError              **error);
void          kith_store_step_compose_async  (KithStore            *self,
                                              gint64                person_id,
                                              const char           *my_name,
                                              const char           *my_email,
                                              const char           *my_signature,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
KithOutgoing *kith_store_step_compose_finish (KithStore            *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
