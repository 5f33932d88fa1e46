/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

void        kith_store_list_people_of_async  (KithStore            *self,
                                              gint64                company_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GListModel *kith_store_list_people_of_finish (KithStore            *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void        kith_store_add_to_company_async  (KithStore            *self,
                                              const char           *person,
                                              gint64                company_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gint64      kith_store_add_to_company_finish (KithStore            *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void        kith_store_set_company_of_async  (KithStore            *self,
                                              gint64                person_id,
                                              gint64                company_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean    kith_store_set_company_of_finish (KithStore            *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
