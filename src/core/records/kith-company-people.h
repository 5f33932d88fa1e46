/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

GListModel *kith_store_read_people_of  (KithStore   *self,
                                        gint64       company_id,
                                        GError     **error);
gint64      kith_store_find_person     (KithStore   *self,
                                        const char  *person,
                                        GError     **error);
gboolean    kith_store_set_company_of  (KithStore   *self,
                                        gint64       person_id,
                                        gint64       company_id,
                                        GError     **error);

G_END_DECLS
